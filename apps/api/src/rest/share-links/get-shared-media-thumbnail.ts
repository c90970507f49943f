import { sharedRenditionRoute } from './shared-rendition-route';

export const getSharedMediaThumbnailRoute = sharedRenditionRoute('thumbnail', 'getSharedMediaThumbnail');
