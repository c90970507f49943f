import { ACCESS, ERRORS, registerUser, ZRegisterInput, ZUser } from '@mediashare/core';
import { clientIp } from '../../http/client-ip';
import { sessionCookie } from '../../http/session-cookie';
import { defineRoute, jsonBody, jsonWithHeaders, refused } from '../define-route';
import { SET_SESSION_COOKIE } from './session-cookie-header';

export const registerAccountRoute = defineRoute({
  method: 'post',
  path: '/api/auth/register',
  operationId: 'registerAccount',
  tag: 'Accounts',
  summary: 'Create an account and sign in',
  description:
    'Takes an email, a username and a password; answers 201 with the user and sets the session cookie, so the client is signed in. The email and the username must both be free. What REGISTRATION allows decides who may: anyone (`open`), holders of an invite code sent as `inviteCode` (`invite`), or nobody (`closed`: accounts are made by the operator). GET /api/config says which.',
  access: ACCESS.public,
  budget: 'registrations',
  request: { body: jsonBody(ZRegisterInput) },
  responses: {
    201: jsonWithHeaders(ZUser, 'The new user; the response sets the session cookie.', SET_SESSION_COOKIE),
    400: refused([ERRORS.invalidInput({ detail: 'Invalid field "email": must be an email address' }), ERRORS.inviteInvalid()]),
    403: refused([ERRORS.registrationClosed()], 'Registration is closed on this server.'),
    409: refused([ERRORS.emailTaken(), ERRORS.usernameTaken()], 'The email or username is taken.'),
    429: refused([ERRORS.hashingBusy()], 'Too many sign-ins or registrations from this address at once.'),
  },
  handler: async ({ c, deps, body }) => {
    const { user, session } = await registerUser(deps, { ...body, ip: clientIp(c), userAgent: c.req.header('user-agent') });
    c.header('Set-Cookie', sessionCookie(c, session), { append: true });
    return user;
  },
});
