import { ACCESS, changePassword, ERRORS, ZChangePasswordInput } from '@mediashare/core';
import { clientIp } from '../../http/client-ip';
import { defineRoute, jsonBody, plain, refused } from '../define-route';

export const changePasswordRoute = defineRoute({
  method: 'post',
  path: '/api/auth/password',
  operationId: 'changePassword',
  tag: 'Accounts',
  summary: 'Change the password; every other session ends',
  description: 'A wrong current password counts toward the sign-in throttle, as a failed sign-in does.',
  access: ACCESS.session,
  request: { body: jsonBody(ZChangePasswordInput) },
  responses: {
    204: plain('Changed; this session stays signed in, every other one is signed out.'),
    400: refused([
      ERRORS.currentPasswordIncorrect(),
      ERRORS.invalidInput({ detail: 'Invalid field "newPassword": must be at least 8 characters' }),
    ]),
    429: refused(
      [ERRORS.loginLocked({ retryAfter: 900 })],
      'Too many wrong passwords for this account or address; retry after Retry-After seconds.',
    ),
  },
  handler: ({ c, deps, user, body }) =>
    changePassword(deps, { userId: user.id, sessionId: c.get('sessionId'), ip: clientIp(c), ...body }),
});
