import { ACCESS, ERRORS, startTwoFactorSetup, ZTwoFactorSetup } from '@mediashare/core';
import { defineRoute, json, refused } from '../define-route';

export const startTwoFactorSetupRoute = defineRoute({
  method: 'post',
  path: '/api/auth/2fa/setup',
  operationId: 'startTwoFactorSetup',
  tag: 'Accounts',
  summary: 'Start two-factor setup: a new TOTP secret and its otpauth URL, for the QR code',
  description:
    'Makes a new TOTP secret (RFC 6238: SHA-1, 6 digits, 30 s) and answers it with its otpauth:// URL for an authenticator app. Nothing changes at sign-in until POST /api/auth/2fa/enable confirms a code from it; starting again replaces a secret not yet confirmed. A signed-in session only.',
  access: ACCESS.session,
  responses: {
    200: json(ZTwoFactorSetup, 'The pending secret.'),
    409: refused([ERRORS.twoFactorAlreadyEnabled()]),
  },
  handler: ({ deps, user }) => startTwoFactorSetup(deps, user),
});
