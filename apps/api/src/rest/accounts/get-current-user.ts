import { ACCESS, getAccountStatus, toUser, ZCurrentUser } from '@mediashare/core';
import { defineRoute, json } from '../define-route';

export const getCurrentUserRoute = defineRoute({
  method: 'get',
  path: '/api/auth/me',
  operationId: 'getCurrentUser',
  tag: 'Accounts',
  summary: 'Who am I, what I store and may store',
  description:
    'The user behind the session cookie or the API token (scope read), with `usage` (bytes stored: originals, renditions and uploads in progress) and `quota` (bytes allowed; null is unlimited), and whether two-factor sign-in is on. Clients call it to learn whether they are signed in.',
  access: ACCESS.signedIn('read'),
  responses: { 200: json(ZCurrentUser, 'The signed-in user.') },
  handler: async ({ deps, user }) => ({ ...toUser(user), ...(await getAccountStatus(deps, user.id)) }),
});
