import { ACCESS, ERRORS, getModerationPreview } from '@mediashare/core';
import { sendObject } from '../../http/send-object';
import { ZCommunityIdParams } from '../community/community-id-params';
import { binary, defineRoute, plain, refused } from '../define-route';

export const getModerationPreviewRoute = defineRoute({
  method: 'get',
  path: '/api/admin/community/{id}/preview',
  operationId: 'getModerationPreview',
  tag: 'Moderation',
  summary: "A community item's preview for moderators, hidden items included (admin)",
  description:
    "The preview (or, before it is made, the copy itself) of a visible or hidden community item, wherever its bytes are: a hidden item's wait in the private bucket and its public URLs answer 404. The report queue's `previewUrl` points here for hidden items. Never cached. 404 for a removed item, and for anyone who is not an admin.",
  access: ACCESS.admin,
  request: { params: ZCommunityIdParams },
  responses: {
    200: binary('The preview (WebP), or the copy itself while no preview is made.'),
    206: binary('The requested range.'),
    400: refused([ERRORS.invalidCommunityId()]),
    404: refused([ERRORS.communityItemNotFound(), ERRORS.renditionNotFound()]),
    416: plain('The range lies outside the file.'),
  },
  handler: async ({ c, deps, params }) => {
    const preview = await getModerationPreview(deps, { communityMediaId: params.id });
    return sendObject(c, { ...preview, cacheControl: 'private, no-store' });
  },
});
