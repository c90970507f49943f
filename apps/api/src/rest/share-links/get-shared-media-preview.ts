import { sharedRenditionRoute } from './shared-rendition-route';

export const getSharedMediaPreviewRoute = sharedRenditionRoute('preview', 'getSharedMediaPreview');
