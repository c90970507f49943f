import { changePassword } from './procedures/auth/change-password';
import { deleteMe } from './procedures/auth/delete-me';
import { endOtherSessions } from './procedures/auth/end-other-sessions';
import { endSession } from './procedures/auth/end-session';
import { forgotPassword } from './procedures/auth/forgot-password';
import { login } from './procedures/auth/login';
import { logout } from './procedures/auth/logout';
import { me } from './procedures/auth/me';
import { register } from './procedures/auth/register';
import { resetPassword } from './procedures/auth/reset-password';
import { sessions } from './procedures/auth/sessions';
import { status } from './procedures/auth/status';
import { updateMe } from './procedures/auth/update-me';
import { remove as deleteMedia } from './procedures/media/delete';
import { get as getMedia } from './procedures/media/get';
import { list as listMedia } from './procedures/media/list';
import { get as getCommunityItem } from './procedures/community/get';
import { get as getConfig } from './procedures/config/get';
import { oembed } from './procedures/embeds/oembed';
import { list as listCommunity } from './procedures/community/list';
import { mine as ownPosts } from './procedures/community/mine';
import { remove as removeCommunityItem } from './procedures/community/remove';
import { byPath as shareByPath } from './procedures/share/by-path';
import { create as createShare } from './procedures/share/create';
import { remove as deleteShare } from './procedures/share/delete';
import { get as getShared } from './procedures/shared/get';
import { unlock as unlockShared } from './procedures/shared/unlock';
import { state as shareState } from './procedures/share/state';
import { updateLink as updateShareLink } from './procedures/share/update-link';
import { list as listExposure } from './procedures/exposure/list';
import { revoke as revokeExposure } from './procedures/exposure/revoke';
import { list as listTags } from './procedures/tags/list';
import { suggest as suggestTags } from './procedures/tags/suggest';
import * as tagAdmin from './procedures/tags/admin';
import { create as createToken } from './procedures/tokens/create';
import { list as listTokens } from './procedures/tokens/list';
import { revoke as revokeToken } from './procedures/tokens/revoke';
import { create as createInvite } from './procedures/invites/create';
import { remove as deleteInvite } from './procedures/invites/delete';
import { list as listInvites } from './procedures/invites/list';
import { list as listUsers } from './procedures/users/list';
import { updateQuota } from './procedures/users/update-quota';
import { disable as disableTwoFactor } from './procedures/two-factor/disable';
import { enable as enableTwoFactor } from './procedures/two-factor/enable';
import { setup as setupTwoFactor } from './procedures/two-factor/setup';
import { communityBan, dismiss, log as moderationLog, reports, restore, takedown } from './procedures/moderation/admin';
import { consent } from './procedures/moderation/consent';
import { setShowMature } from './procedures/moderation/mature-preference';
import { policy } from './procedures/moderation/policy';
import { report } from './procedures/moderation/report';
import { router } from './init';

export const appRouter = router({
  auth: router({
    register,
    login,
    logout,
    me,
    // Account settings and sessions (issue 19).
    changePassword,
    updateMe,
    deleteMe,
    sessions,
    endSession,
    endOtherSessions,
    resetPassword,
    forgotPassword,
    // Usage, quota and two-factor state (issue 20).
    status,
    twoFactor: router({ setup: setupTwoFactor, enable: enableTwoFactor, disable: disableTwoFactor }),
  }),
  media: router({ list: listMedia, get: getMedia, delete: deleteMedia }),
  share: router({
    create: createShare,
    delete: deleteShare,
    byPath: shareByPath,
    state: shareState,
    updateLink: updateShareLink,
  }),
  shared: router({ get: getShared, unlock: unlockShared }),
  exposure: router({ list: listExposure, revoke: revokeExposure }),
  community: router({ list: listCommunity, get: getCommunityItem, remove: removeCommunityItem, mine: ownPosts }),
  config: router({ get: getConfig }),
  embeds: router({ oembed }),
  // The vocabulary admins manage at /admin/tags (issue 16) under `tags.admin`.
  tags: router({
    list: listTags,
    suggest: suggestTags,
    admin: router({ list: tagAdmin.list, createAlias: tagAdmin.createAlias, update: tagAdmin.update, merge: tagAdmin.merge }),
  }),
  tokens: router({ create: createToken, list: listTokens, revoke: revokeToken }),
  // Running an instance (issue 20), for admins.
  invites: router({ create: createInvite, list: listInvites, delete: deleteInvite }),
  users: router({ list: listUsers, updateQuota }),
  // Moderation (issue 13): the policy, receipts and reports for everyone; the rest for admins only.
  moderation: router({
    policy,
    consent,
    report,
    setShowMature,
    reports,
    dismiss,
    takedown,
    restore,
    communityBan,
    log: moderationLog,
  }),
});

export type AppRouter = typeof appRouter;
