import { ACCESS, ERRORS, getSharedMedia, ZSharedMedia } from '@mediashare/core';
import { linkVisitOf } from '../../http/link-visit';
import { defineRoute, json, refused } from '../define-route';
import { ZShareCodeParams } from './share-code-params';

export const getSharedMediaRoute = defineRoute({
  method: 'get',
  path: '/api/shared/media/{code}',
  operationId: 'getSharedMedia',
  tag: 'Share links',
  summary: 'What a share link shows (public)',
  description:
    "What anyone holding the share code sees: the item's type, size and dimensions, and the URL of its file. No sign-in needed; a retired or unknown code is a 404. The owner's settings apply: an expired link or one that reached its view limit is a 410, a link with a password is a 401 until `POST /api/shared/media/{code}/unlock` sets its cookie. Opening it counts a view, once per visitor per hour (not for the owner or link-preview bots); the view that reaches the limit still succeeds.",
  access: ACCESS.public,
  request: { params: ZShareCodeParams },
  responses: {
    200: json(ZSharedMedia, 'The shared item.'),
    401: refused([ERRORS.linkPasswordRequired()], 'The link has a password and this browser has not unlocked it.'),
    404: refused([ERRORS.sharedMediaNotFound()]),
    410: refused(
      [ERRORS.linkExpired(), ERRORS.linkViewLimitReached(), ERRORS.communityItemRemoved()],
      'The link has expired or reached its view limit, or the item was taken down by a moderator.',
    ),
  },
  handler: ({ c, deps, user, params }) => getSharedMedia(deps, params.code, linkVisitOf(c, user?.id, params.code)),
});
