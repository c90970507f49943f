export { getShareState } from './get-share-state';
export { updateLinkSettings } from './update-link-settings';
export { unlockLink, UNLOCK_FAILURES } from './unlock-link';
export { findExposure } from './find-exposure';
export { revokeExposure, EXPOSURE_REVOKED } from './revoke-exposure';
export { unlockCookieName, LINK_DEFAULTS } from './link-access';
export { isUnfurler, type LinkVisit } from './visitor';
