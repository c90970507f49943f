export { shareMedia } from './share-media';
export { deleteShare } from './delete-share';
export { shareMediaByPath, ownedVaultKey, sourceFromKey } from './share-by-path';
export { getSharedMedia, getSharedMediaFile } from './get-shared-media';
export { validateShare } from './validate-share';
export { communityFileName } from './community-file-name';
export { newShareCode } from './share-code';
export { SHARE_ACTIVITY } from './activity';
