import { mediaRenditionRoute } from './media-rendition-route';

export const getMediaPreviewRoute = mediaRenditionRoute('preview', 'getMediaPreview');
