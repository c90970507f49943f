import { ACCESS, toUser, ZUser } from '@mediashare/core';
import { defineRoute, json } from '../define-route';

export const getCurrentUserRoute = defineRoute({
  method: 'get',
  path: '/api/auth/me',
  operationId: 'getCurrentUser',
  tag: 'Accounts',
  summary: 'Who am I',
  description:
    'The user behind the session cookie or the API token (scope read). Clients call it to learn whether they are signed in.',
  access: ACCESS.signedIn('read'),
  responses: { 200: json(ZUser, 'The signed-in user.') },
  handler: ({ user }) => toUser(user),
});
