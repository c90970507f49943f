import { ACCESS, enableTwoFactor, ERRORS, ZEnableTwoFactorInput, ZRecoveryCodes } from '@mediashare/core';
import { defineRoute, json, jsonBody, refused } from '../define-route';

export const enableTwoFactorRoute = defineRoute({
  method: 'post',
  path: '/api/auth/2fa/enable',
  operationId: 'enableTwoFactor',
  tag: 'Accounts',
  summary: 'Turn two-factor sign-in on with a code from the authenticator; answers 10 recovery codes, once',
  description:
    'Confirms the pending secret with a code the authenticator shows now. From then on, POST /api/auth/login needs `totp` as well. The 10 single-use recovery codes are in this answer only (the server keeps their hashes); each signs in once in place of a code. API tokens are not affected.',
  access: ACCESS.session,
  request: { body: jsonBody(ZEnableTwoFactorInput, { code: { value: { code: '123456' } } }) },
  responses: {
    200: json(ZRecoveryCodes, 'Two-factor sign-in is on; store these codes now.'),
    400: refused([ERRORS.twoFactorConfirmInvalid(), ERRORS.twoFactorNotPending()]),
    409: refused([ERRORS.twoFactorAlreadyEnabled()]),
  },
  handler: ({ deps, user, body }) => enableTwoFactor(deps, { user, code: body.code }),
});
