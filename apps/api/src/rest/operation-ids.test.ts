import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../env';
import { openApiJson } from './docs';

/**
 * The operationIds are part of the REST contract: generated clients name their methods after them
 * (`shareMedia(...)`), so renaming one renames a method in every client. An entry here changes only as a
 * deliberate, announced change; a new operation is added here and to README's list.
 */
const OPERATION_IDS = {
  registerAccount: 'POST /api/auth/register',
  signIn: 'POST /api/auth/login',
  signOut: 'POST /api/auth/logout',
  getCurrentUser: 'GET /api/auth/me',
  updateProfile: 'PATCH /api/auth/me',
  changePassword: 'POST /api/auth/password',
  listSessions: 'GET /api/auth/sessions',
  endSession: 'DELETE /api/auth/sessions/{id}',
  endOtherSessions: 'POST /api/auth/sessions/revoke-others',
  resetPassword: 'POST /api/auth/reset-password',
  requestPasswordReset: 'POST /api/auth/forgot-password',
  exportAccount: 'GET /api/user/export',
  deleteAccount: 'DELETE /api/auth/me',
  uploadMedia: 'POST /api/user/media',
  listMedia: 'GET /api/user/media',
  getMedia: 'GET /api/user/media/{id}',
  deleteMedia: 'DELETE /api/user/media/{id}',
  getMediaFile: 'GET /api/user/media/{id}/file',
  shareMedia: 'POST /api/media/{id}/share',
  unshareMedia: 'DELETE /api/media/{id}/share',
  shareMediaByPath: 'POST /api/user/media/share',
  getSharedMedia: 'GET /api/shared/media/{code}',
  getSharedMediaFile: 'GET /api/shared/media/{code}/file',
  getMediaThumbnail: 'GET /api/user/media/{id}/thumbnail',
  getMediaPreview: 'GET /api/user/media/{id}/preview',
  getSharedMediaThumbnail: 'GET /api/shared/media/{code}/thumbnail',
  getSharedMediaPreview: 'GET /api/shared/media/{code}/preview',
  getShareState: 'GET /api/media/{id}/share',
  updateShareLink: 'PATCH /api/media/{id}/share/link',
  unlockSharedMedia: 'POST /api/shared/media/{code}/unlock',
  listExposure: 'GET /api/user/exposure',
  listOwnPosts: 'GET /api/user/community',
  revokeExposure: 'POST /api/user/exposure/revoke',
  listCommunity: 'GET /api/community',
  getCommunityItem: 'GET /api/community/{id}',
  removeCommunityItem: 'DELETE /api/community/{id}',
  getConfig: 'GET /api/config',
  listTags: 'GET /api/tags',
  suggestTags: 'GET /api/tags/suggest',
  getRssFeed: 'GET /community/feed.xml',
  getAtomFeed: 'GET /community/feed.atom',
  getJsonFeed: 'GET /community/feed.json',
  getOEmbed: 'GET /api/oembed',
  createApiToken: 'POST /api/user/tokens',
  listApiTokens: 'GET /api/user/tokens',
  revokeApiToken: 'DELETE /api/user/tokens/{id}',
  startTwoFactorSetup: 'POST /api/auth/2fa/setup',
  enableTwoFactor: 'POST /api/auth/2fa/enable',
  disableTwoFactor: 'POST /api/auth/2fa/disable',
  createInvite: 'POST /api/admin/invites',
  listInvites: 'GET /api/admin/invites',
  deleteInvite: 'DELETE /api/admin/invites/{id}',
  listUsers: 'GET /api/admin/users',
  updateUserQuota: 'PATCH /api/admin/users/{id}',
  listAdminTags: 'GET /api/admin/tags',
  createTagAlias: 'POST /api/admin/tags/{slug}/aliases',
  updateTag: 'PATCH /api/admin/tags/{slug}',
  mergeTag: 'POST /api/admin/tags/{slug}/merge',
  registerGeneratedMedia: 'POST /api/internal/users/{userId}/generated/{source}',
  getPolicy: 'GET /api/policy',
  getCommunityConsent: 'GET /api/community/{id}/consent',
  reportCommunityItem: 'POST /api/community/{id}/reports',
  reportSharedMedia: 'POST /api/shared/media/{code}/reports',
  updateMaturePreference: 'PUT /api/user/settings/mature',
  listReports: 'GET /api/admin/reports',
  dismissReport: 'POST /api/admin/reports/{id}/dismiss',
  takeDownCommunityItem: 'POST /api/admin/community/{id}/takedown',
  restoreCommunityItem: 'POST /api/admin/community/{id}/restore',
  getModerationPreview: 'GET /api/admin/community/{id}/preview',
  banFromCommunity: 'POST /api/admin/users/{id}/community-ban',
  listModerationLog: 'GET /api/admin/moderation-log',
  getPublicObject: 'GET /storage/v1/object/public/{bucket}/{path}',
  checkHealth: 'GET /healthz',
  checkReadiness: 'GET /readyz',
  getMetrics: 'GET /metrics',
  getOpenApiDocument: 'GET /api/openapi.json',
  getApiDocs: 'GET /api/docs',
};

/** The verbs operations start with: what the call does, before what it does it to. */
const VERBS = [
  'ban',
  'change',
  'check',
  'create',
  'delete',
  'disable',
  'enable',
  'dismiss',
  'end',
  'export',
  'get',
  'list',
  'merge',
  'register',
  'remove',
  'report',
  'request',
  'reset',
  'restore',
  'revoke',
  'share',
  'sign',
  'unlock',
  'start',
  'take',
  'suggest',
  'unshare',
  'update',
  'upload',
];

const document = JSON.parse(openApiJson(parseEnv({ LOG_LEVEL: 'silent' }))) as {
  paths: Record<string, Record<string, { operationId?: string }>>;
};
const documented = Object.fromEntries(
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => [op.operationId, `${method.toUpperCase()} ${path}`]),
  ),
);

describe('operationIds', () => {
  it('are the contract’s, each on its operation: none renamed, moved or missing', () => {
    expect(documented).toEqual(OPERATION_IDS);
  });

  it('are verb-first camelCase', () => {
    const wrong = Object.keys(documented).filter((id) => {
      const verb = /^([a-z]+)(?:[A-Z][a-z0-9]*)*$/.exec(id)?.[1];
      return !verb || !VERBS.includes(verb);
    });
    expect(wrong).toEqual([]);
  });

  it('are listed in README, as generated clients will call them', () => {
    const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
    const listed = Object.fromEntries(
      [...readme.matchAll(/^\| `([A-Za-z]+)` +\| `([A-Z]+ [^`]+)` +\|$/gm)].map(([, id, route]) => [id, route]),
    );
    expect(listed).toEqual(OPERATION_IDS);
  });
});
