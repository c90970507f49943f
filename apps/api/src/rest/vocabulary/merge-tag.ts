import { ACCESS, ERRORS, mergeTags, ZMergeTagInput, ZMergeTagResult } from '@mediashare/core';
import { defineRoute, json, jsonBody, refused } from '../define-route';
import { ZTagSlugParams } from './tag-slug-params';

export const mergeTagRoute = defineRoute({
  method: 'post',
  path: '/api/admin/tags/{slug}/merge',
  operationId: 'mergeTag',
  tag: 'Instance',
  summary: 'Merge a tag into another (admins)',
  description:
    'Every community item of the tag moves to `into` (an item with both keeps one; none loses a tag), its aliases follow, and its slug becomes an alias of `into`, so links, shares and feed filters naming it find the items where they are now. The tag stays, inactive. One transaction; logged in the moderation log; `pnpm tags:sync` keeps the merge.',
  access: ACCESS.admin,
  request: {
    params: ZTagSlugParams,
    body: jsonBody(ZMergeTagInput, { intoBlackAndWhite: { value: { into: 'black-and-white' } } }),
  },
  responses: {
    200: json(ZMergeTagResult, 'How many items moved, and the tag merged into.'),
    400: refused([
      ERRORS.tagMergeIntoSelf(),
      ERRORS.invalidInput({ detail: 'Invalid field "into": must be lower-case words joined by "-"' }),
    ]),
    404: refused([ERRORS.tagNotFound({ slug: 'black-and-white' })]),
    409: refused([
      ERRORS.tagMerged({ slug: 'bnw', into: 'black-and-white' }),
      ERRORS.tagMergeIntoInactive({ slug: 'monochrome' }),
    ]),
  },
  handler: ({ deps, user, params, body }) => mergeTags(deps, { adminId: user.id, slug: params.slug, into: body.into }),
});
