import { ACCESS, deleteInvite, ERRORS, ZInviteId } from '@mediashare/core';
import { z } from 'zod';
import { defineRoute, plain, refused } from '../define-route';

export const deleteInviteRoute = defineRoute({
  method: 'delete',
  path: '/api/admin/invites/{id}',
  operationId: 'deleteInvite',
  tag: 'Instance',
  summary: 'Delete an invite (admins); its code stops working at once',
  description: 'Removes the invite; registrations with its code are refused from now on. Accounts made with it stay.',
  access: ACCESS.admin,
  request: { params: z.object({ id: ZInviteId }) },
  responses: {
    204: plain('Deleted.'),
    400: refused([ERRORS.invalidInviteId()]),
    404: refused([ERRORS.inviteNotFound()]),
  },
  handler: ({ deps, params }) => deleteInvite(deps, params),
});
