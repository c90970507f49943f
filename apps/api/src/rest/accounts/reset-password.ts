import { ACCESS, ERRORS, resetPassword, ZResetPasswordInput } from '@mediashare/core';
import { defineRoute, jsonBody, plain, refused } from '../define-route';

export const resetPasswordRoute = defineRoute({
  method: 'post',
  path: '/api/auth/reset-password',
  operationId: 'resetPassword',
  tag: 'Accounts',
  summary: 'Set a new password with a reset link; every session of the account ends',
  description: 'The token is the last part of a `/reset-password/<token>` link; each link works once, for an hour.',
  access: ACCESS.public,
  request: { body: jsonBody(ZResetPasswordInput) },
  responses: {
    204: plain('The password is set; sign in with it.'),
    400: refused([
      ERRORS.resetLinkInvalid(),
      ERRORS.invalidInput({ detail: 'Invalid field "newPassword": must be at least 8 characters' }),
    ]),
  },
  handler: ({ deps, body }) => resetPassword(deps, body),
});
