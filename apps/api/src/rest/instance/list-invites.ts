import { ACCESS, findInvites, ZInviteList } from '@mediashare/core';
import { defineRoute, json } from '../define-route';

export const listInvitesRoute = defineRoute({
  method: 'get',
  path: '/api/admin/invites',
  operationId: 'listInvites',
  tag: 'Instance',
  summary: 'List invites (admins), newest first, with uses left and expiry',
  description:
    'Every invite with how often it was used, how many uses it has left and when it expires. Codes are never shown again.',
  access: ACCESS.admin,
  responses: { 200: json(ZInviteList, 'The invites.') },
  handler: ({ deps }) => findInvites(deps),
});
