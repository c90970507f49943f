import { ACCESS, logoutSession } from '@mediashare/core';
import { clearedSessionCookie } from '../../http/session-cookie';
import { defineRoute, plain } from '../define-route';

export const signOutRoute = defineRoute({
  method: 'post',
  path: '/api/auth/logout',
  operationId: 'signOut',
  tag: 'Accounts',
  summary: 'Sign out (ends the session)',
  access: ACCESS.public,
  responses: { 204: plain('Signed out; the cookie is cleared.') },
  handler: async ({ c, deps }) => {
    const sessionId = c.get('sessionId');
    if (sessionId) await logoutSession(deps, sessionId);
    c.header('Set-Cookie', clearedSessionCookie(c), { append: true });
  },
});
