export { syncTags, seedDefaultTags, findActiveTags, DEFAULT_TAGS } from './sync-tags';
export { resolveTagNames, suggestCloseTags, unknownTagsError, type ResolvedTags } from './resolve-tags';
export { suggestTags } from './suggest-tags';
export { findAdminTags } from './find-admin-tags';
export { createTagAlias } from './create-tag-alias';
export { updateTag } from './update-tag';
export { mergeTags } from './merge-tags';
