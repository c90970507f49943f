export { syncTags, seedDefaultTags, findActiveTags, DEFAULT_TAGS } from './sync-tags';
export { resolveTagNames, suggestCloseTags, unknownTagsError, type ResolvedTags } from './resolve-tags';
export { suggestTags } from './suggest-tags';
