import { ACCESS, ERRORS, shareMedia, ZShareInput, ZShareResult } from '@mediashare/core';
import { defineRoute, json, jsonBody, refused } from '../define-route';
import { ZMediaIdParams } from '../vault/media-id-params';
import { SHARE_REQUEST_EXAMPLES, SHARE_RESPONSE_EXAMPLES } from './documented-examples';

export const shareMediaRoute = defineRoute({
  method: 'post',
  path: '/api/media/{id}/share',
  operationId: 'shareMedia',
  tag: 'Sharing',
  summary: 'Create a share link, and optionally share to the Community feed',
  description:
    'Users can only share their own media. With shareToCommunity (default true) the media is copied to the public general bucket, user-uploaded JPEG/PNG/WebP images watermarked, and the given canonical tags attached; with false, any community copy and its tags are removed and the share link stays. Uploads shared to the community need policyAgreed and at least one tag.',
  access: ACCESS.signedIn('share'),
  budget: 'shares',
  outages: 'documented',
  request: { params: ZMediaIdParams, body: jsonBody(ZShareInput, SHARE_REQUEST_EXAMPLES) },
  idempotent: true,
  responses: {
    200: json(ZShareResult, 'The share code and URL, and the community copy when shared there.', SHARE_RESPONSE_EXAMPLES),
    400: refused([
      ERRORS.invalidMediaId(),
      ERRORS.policyRequired(),
      ERRORS.tagsRequired(),
      ERRORS.unknownTags({ slugs: ['nope'] }),
      ERRORS.tooManyTags({ given: 11, max: 10 }),
    ]),
    403: refused([ERRORS.communityBanned()], 'The account was banned from publishing to the Community.'),
    404: refused([ERRORS.mediaNotFound()]),
    409: refused([ERRORS.policyOutdated()], 'policyVersion names a policy that is no longer in force.'),
    422: refused([ERRORS.mediaBlocked()], 'The picture was taken down from the Community before.'),
    500: refused([ERRORS.shareLinkFailed(), ERRORS.shareFailed()]),
    503: refused([ERRORS.mediaBusy()]),
  },
  handler: ({ c, deps, user, params, body }) =>
    shareMedia(deps, { userId: user.id, mediaId: params.id, options: body, reqId: c.get('reqId') }),
});
