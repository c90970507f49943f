export { shareMedia } from './share-media';
export { deleteShare } from './delete-share';
export { shareMediaByPath } from './share-by-path';
export { getSharedMedia, getSharedMediaFile } from './get-shared-media';
export { validateShare, type ValidShare } from './validate-share';
export { removeCommunityCopy } from './remove-community-copy';
export { communityFileName } from './community-file-name';
export { newShareCode } from './share-code';
export { SHARE_ACTIVITY } from './activity';
