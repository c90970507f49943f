import { ACCESS, logoutSession } from '@mediashare/core';
import { clearedSessionCookie } from '../../http/session-cookie';
import { defineRoute, plain } from '../define-route';

export const signOutRoute = defineRoute({
  method: 'post',
  path: '/api/auth/logout',
  operationId: 'signOut',
  tag: 'Accounts',
  summary: 'Sign out (ends the session)',
  description: 'Ends the session the cookie names, if any, and clears the cookie. Answers 204 whether or not a session was open.',
  access: ACCESS.public,
  responses: { 204: plain('Signed out; the cookie is cleared.') },
  handler: async ({ c, deps }) => {
    const sessionId = c.get('sessionId');
    if (sessionId) await logoutSession(deps, sessionId);
    c.header('Set-Cookie', clearedSessionCookie(c), { append: true });
  },
});
