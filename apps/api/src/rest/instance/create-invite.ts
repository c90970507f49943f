import { ACCESS, createInvite, ERRORS, ZCreatedInvite, ZCreateInviteInput } from '@mediashare/core';
import { defineRoute, json, jsonBody, refused } from '../define-route';

export const createInviteRoute = defineRoute({
  method: 'post',
  path: '/api/admin/invites',
  operationId: 'createInvite',
  tag: 'Instance',
  summary: 'Create an invite (admins): its code and sign-up link, shown once',
  description:
    'Makes an invite good for `uses` registrations (1 unless given) until `expiresAt` (never, unless given). The code and the sign-up link carrying it are in this answer only: the server keeps a hash. Registrations need one while REGISTRATION=invite.',
  access: ACCESS.admin,
  request: { body: jsonBody(ZCreateInviteInput, { oneUse: { summary: 'One registration', value: {} } }) },
  responses: {
    201: json(ZCreatedInvite, 'The invite, with its code and link: hand them over now.'),
    400: refused([ERRORS.invalidInput({ detail: 'Invalid field "uses": must be at least 1' })]),
  },
  handler: ({ deps, user, body }) => createInvite(deps, { adminId: user.id, input: body }),
});
