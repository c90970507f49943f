import { ACCESS, ERRORS, loginUser, ZLoginInput, ZUser } from '@mediashare/core';
import { clientIp } from '../../http/client-ip';
import { sessionCookie } from '../../http/session-cookie';
import { defineRoute, jsonBody, jsonWithHeaders, refused } from '../define-route';
import { SET_SESSION_COOKIE } from './session-cookie-header';

export const signInRoute = defineRoute({
  method: 'post',
  path: '/api/auth/login',
  operationId: 'signIn',
  tag: 'Accounts',
  summary: 'Sign in (email or username in `email`); a new session id every time',
  description:
    "Answers the user and sets a fresh session cookie; any session the request carried is ended. An account with two-factor sign-in also needs `totp`: the authenticator's current code or a recovery code; without it the answer is 401 with `twoFactorRequired: true`. A code works once. Repeated failures, wrong codes included, lock sign-in for the account and the address for a while (429 with Retry-After).",
  access: ACCESS.public,
  request: { body: jsonBody(ZLoginInput) },
  responses: {
    200: jsonWithHeaders(ZUser, 'The user; the response sets the session cookie.', SET_SESSION_COOKIE),
    400: refused([ERRORS.invalidInput({ detail: 'Invalid field "password": is required' })]),
    401: refused(
      [ERRORS.invalidLogin(), ERRORS.twoFactorRequired(), ERRORS.twoFactorCodeInvalid()],
      'Wrong email, username or password; a two-factor code needed (`twoFactorRequired`) or wrong; or a bad Authorization header.',
    ),
    429: refused(
      [ERRORS.loginLocked({ retryAfter: 900 }), ERRORS.hashingBusy()],
      'Too many sign-in attempts for this account or address, or too many at once; retry after Retry-After seconds.',
    ),
  },
  handler: async ({ c, deps, body }) => {
    const { user, session } = await loginUser(deps, {
      ...body,
      ip: clientIp(c),
      previousSessionId: c.get('sessionId'),
      userAgent: c.req.header('user-agent'),
    });
    c.header('Set-Cookie', sessionCookie(c, session), { append: true });
    return user;
  },
});
