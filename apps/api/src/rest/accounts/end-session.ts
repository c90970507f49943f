import { ACCESS, endSession, ERRORS, ZSessionId } from '@mediashare/core';
import { z } from 'zod';
import { clearedSessionCookie } from '../../http/session-cookie';
import { defineRoute, plain, refused } from '../define-route';

export const endSessionRoute = defineRoute({
  method: 'delete',
  path: '/api/auth/sessions/{id}',
  operationId: 'endSession',
  tag: 'Accounts',
  summary: 'Sign one session out',
  description:
    "Ends one of the caller's sessions by the id the session list gives; it is signed out on its next request. Another account's session id is the same 404 as one that does not exist.",
  access: ACCESS.session,
  request: { params: z.object({ id: ZSessionId }) },
  responses: {
    204: plain('Signed out there; ending this very session also clears its cookie.'),
    400: refused([ERRORS.invalidSessionId()]),
    404: refused([ERRORS.sessionNotFound()]),
  },
  handler: async ({ c, deps, user, params }) => {
    const { wasCurrent } = await endSession(deps, { userId: user.id, id: params.id, sessionId: c.get('sessionId') });
    if (wasCurrent) c.header('Set-Cookie', clearedSessionCookie(c), { append: true });
  },
});
