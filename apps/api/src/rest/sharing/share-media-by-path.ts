import { ACCESS, ERRORS, shareMediaByPath, ZShareByPathInput, ZShareByPathResult } from '@mediashare/core';
import { defineRoute, json, jsonBody, refused } from '../define-route';

export const shareMediaByPathRoute = defineRoute({
  method: 'post',
  path: '/api/user/media/share',
  operationId: 'shareMediaByPath',
  tag: 'Sharing',
  summary: "Share by storage path in the caller's folder of user-media (creates the record if needed)",
  description:
    "Names the item by its storage path in user-media (`filePath`, inside the caller's own folder) instead of its id. A file in the caller's folder that has no record yet gets one (its source inferred from the folder: generated/<source>/), then sharing behaves as for shareMedia.",
  access: ACCESS.signedIn('share'),
  budget: 'shares',
  outages: 'documented',
  request: {
    body: jsonBody(ZShareByPathInput, {
      byPath: { value: { filePath: '12/generated/babecock/a1b2c3.png', shareToCommunity: true } },
    }),
  },
  idempotent: true,
  responses: {
    200: json(ZShareByPathResult, 'As for sharing by id, plus the media id the path resolved to.'),
    400: refused([ERRORS.policyRequired(), ERRORS.tagsRequired(), ERRORS.unknownTags({ slugs: ['nope'] })]),
    403: refused([ERRORS.communityBanned()], 'The account was banned from publishing to the Community.'),
    404: refused([ERRORS.mediaNotFound()]),
    409: refused([ERRORS.policyOutdated()], 'policyVersion names a policy that is no longer in force.'),
    415: refused([ERRORS.unsupportedMediaType()]),
    422: refused([
      ERRORS.imageTooLarge({ width: 20000, height: 20000, limit: 50_000_000 }),
      ERRORS.unreadableImage(),
      ERRORS.mediaBlocked(),
    ]),
    500: refused([ERRORS.shareLinkFailed(), ERRORS.shareFailed()]),
    503: refused([ERRORS.mediaBusy()]),
  },
  handler: ({ c, deps, user, body: { filePath, ...options } }) =>
    shareMediaByPath(deps, { userId: user.id, filePath, options, reqId: c.get('reqId') }),
});
