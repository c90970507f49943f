export { syncTags, seedDefaultTags, findActiveTags, DEFAULT_TAGS } from './sync-tags';
