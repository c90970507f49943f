import { mediaRenditionRoute } from './media-rendition-route';

export const getMediaThumbnailRoute = mediaRenditionRoute('thumbnail', 'getMediaThumbnail');
