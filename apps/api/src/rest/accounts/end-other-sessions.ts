import { ACCESS, endOtherSessions, ZEndedSessions } from '@mediashare/core';
import { defineRoute, json } from '../define-route';

export const endOtherSessionsRoute = defineRoute({
  method: 'post',
  path: '/api/auth/sessions/revoke-others',
  operationId: 'endOtherSessions',
  tag: 'Accounts',
  summary: 'Sign out everywhere else',
  description: "Ends every session of the caller's account except the one making the request.",
  access: ACCESS.session,
  responses: { 200: json(ZEndedSessions, 'How many sessions ended; this one stays.') },
  handler: ({ c, deps, user }) => endOtherSessions(deps, { userId: user.id, sessionId: c.get('sessionId') }),
});
