import type { Route } from './define-route';
import { changePasswordRoute } from './accounts/change-password';
import { endOtherSessionsRoute } from './accounts/end-other-sessions';
import { deleteAccountRoute } from './accounts/delete-account';
import { endSessionRoute } from './accounts/end-session';
import { exportAccountRoute } from './accounts/export-account';
import { forgotPasswordRoute } from './accounts/forgot-password';
import { getCurrentUserRoute } from './accounts/get-current-user';
import { listSessionsRoute } from './accounts/list-sessions';
import { registerAccountRoute } from './accounts/register-account';
import { resetPasswordRoute } from './accounts/reset-password';
import { signInRoute } from './accounts/sign-in';
import { signOutRoute } from './accounts/sign-out';
import { updateProfileRoute } from './accounts/update-profile';
import { getCommunityItemRoute } from './community/get-community-item';
import { getConfigRoute } from './community/get-config';
import { listCommunityRoute } from './community/list-community';
import { listOwnPostsRoute } from './community/list-own-posts';
import { listTagsRoute } from './community/list-tags';
import { suggestTagsRoute } from './community/suggest-tags';
import { getOEmbedRoute } from './embeds/get-oembed';
import { removeCommunityItemRoute } from './community/remove-community-item';
import { createInviteRoute } from './instance/create-invite';
import { deleteInviteRoute } from './instance/delete-invite';
import { listInvitesRoute } from './instance/list-invites';
import { listUsersRoute } from './instance/list-users';
import { disableTwoFactorRoute } from './two-factor/disable-two-factor';
import { enableTwoFactorRoute } from './two-factor/enable-two-factor';
import { startTwoFactorSetupRoute } from './two-factor/start-two-factor-setup';
import { updateUserQuotaRoute } from './instance/update-user-quota';
import { banFromCommunityRoute } from './moderation/ban-from-community';
import { dismissReportRoute } from './moderation/dismiss-report';
import { getConsentRoute } from './moderation/get-consent';
import { getPolicyRoute } from './moderation/get-policy';
import { listModerationLogRoute } from './moderation/list-moderation-log';
import { listReportsRoute } from './moderation/list-reports';
import { reportCommunityItemRoute } from './moderation/report-community-item';
import { reportSharedMediaRoute } from './moderation/report-shared-media';
import { getModerationPreviewRoute } from './moderation/get-moderation-preview';
import { restoreCommunityItemRoute } from './moderation/restore-community-item';
import { takeDownCommunityItemRoute } from './moderation/take-down-community-item';
import { getAtomFeedRoute } from './feeds/get-atom-feed';
import { getJsonFeedRoute } from './feeds/get-json-feed';
import { getRssFeedRoute } from './feeds/get-rss-feed';
import { updateMaturePreferenceRoute } from './moderation/update-mature-preference';
import { registerGeneratedMediaRoute } from './internal/register-generated-media';
import { checkHealthRoute } from './platform/check-health';
import { getMetricsRoute } from './platform/get-metrics';
import { checkReadinessRoute } from './platform/check-readiness';
import { getPublicObjectRoute } from './platform/get-public-object';
import { getSharedMediaRoute } from './share-links/get-shared-media';
import { getSharedMediaFileRoute } from './share-links/get-shared-media-file';
import { getSharedMediaPreviewRoute } from './share-links/get-shared-media-preview';
import { getSharedMediaThumbnailRoute } from './share-links/get-shared-media-thumbnail';
import { listExposureRoute } from './exposure/list-exposure';
import { revokeExposureRoute } from './exposure/revoke-exposure';
import { unlockSharedMediaRoute } from './share-links/unlock-shared-media';
import { getShareStateRoute } from './sharing/get-share-state';
import { updateShareLinkRoute } from './sharing/update-share-link';
import { shareMediaRoute } from './sharing/share-media';
import { shareMediaByPathRoute } from './sharing/share-media-by-path';
import { unshareMediaRoute } from './sharing/unshare-media';
import { createApiTokenRoute } from './tokens/create-api-token';
import { listApiTokensRoute } from './tokens/list-api-tokens';
import { revokeApiTokenRoute } from './tokens/revoke-api-token';
import { deleteMediaRoute } from './vault/delete-media';
import { getMediaRoute } from './vault/get-media';
import { getMediaFileRoute } from './vault/get-media-file';
import { getMediaPreviewRoute } from './vault/get-media-preview';
import { getMediaThumbnailRoute } from './vault/get-media-thumbnail';
import { listMediaRoute } from './vault/list-media';
import { uploadMediaRoute } from './vault/upload-media';
import { createTagAliasRoute } from './vocabulary/create-tag-alias';
import { listAdminTagsRoute } from './vocabulary/list-admin-tags';
import { mergeTagRoute } from './vocabulary/merge-tag';
import { updateTagRoute } from './vocabulary/update-tag';

/** The API under /api: mounted behind the origin check and the caller's identification (app.ts). */
export const apiRoutes: readonly Route[] = [
  registerAccountRoute,
  signInRoute,
  signOutRoute,
  getCurrentUserRoute,
  // Account settings and sessions (issue 19).
  changePasswordRoute,
  updateProfileRoute,
  listSessionsRoute,
  endSessionRoute,
  endOtherSessionsRoute,
  resetPasswordRoute,
  forgotPasswordRoute,
  exportAccountRoute,
  deleteAccountRoute,
  uploadMediaRoute,
  listMediaRoute,
  getMediaRoute,
  deleteMediaRoute,
  getMediaFileRoute,
  getMediaThumbnailRoute,
  getMediaPreviewRoute,
  shareMediaRoute,
  unshareMediaRoute,
  shareMediaByPathRoute,
  getSharedMediaRoute,
  getSharedMediaFileRoute,
  getSharedMediaThumbnailRoute,
  getSharedMediaPreviewRoute,
  // Share link controls (issue 12).
  getShareStateRoute,
  updateShareLinkRoute,
  unlockSharedMediaRoute,
  listExposureRoute,
  revokeExposureRoute,
  listCommunityRoute,
  listOwnPostsRoute,
  getCommunityItemRoute,
  removeCommunityItemRoute,
  getConfigRoute,
  listTagsRoute,
  suggestTagsRoute,
  getOEmbedRoute,
  createApiTokenRoute,
  listApiTokensRoute,
  revokeApiTokenRoute,
  // Running an instance (issue 20).
  startTwoFactorSetupRoute,
  enableTwoFactorRoute,
  disableTwoFactorRoute,
  createInviteRoute,
  listInvitesRoute,
  deleteInviteRoute,
  listUsersRoute,
  updateUserQuotaRoute,
  // The tag vocabulary (issue 16), for admins.
  listAdminTagsRoute,
  createTagAliasRoute,
  updateTagRoute,
  mergeTagRoute,
  // Moderation (issue 13).
  getPolicyRoute,
  getConsentRoute,
  reportCommunityItemRoute,
  reportSharedMediaRoute,
  updateMaturePreferenceRoute,
  listReportsRoute,
  dismissReportRoute,
  takeDownCommunityItemRoute,
  restoreCommunityItemRoute,
  getModerationPreviewRoute,
  banFromCommunityRoute,
  listModerationLogRoute,
];

/** Internal apps' routes, a sub-app whose only caller is the service token. */
export const internalRoutes: readonly Route[] = [registerGeneratedMediaRoute];

/** Outside /api: no credentials are read. The feeds come before the SPA's /community/:id pages. */
export const platformRoutes: readonly Route[] = [
  getPublicObjectRoute,
  checkHealthRoute,
  checkReadinessRoute,
  getMetricsRoute,
  getRssFeedRoute,
  getAtomFeedRoute,
  getJsonFeedRoute,
];
