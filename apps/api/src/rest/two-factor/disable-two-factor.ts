import { ACCESS, disableTwoFactor, ERRORS, ZDisableTwoFactorInput } from '@mediashare/core';
import { clientIp } from '../../http/client-ip';
import { defineRoute, jsonBody, plain, refused } from '../define-route';

export const disableTwoFactorRoute = defineRoute({
  method: 'post',
  path: '/api/auth/2fa/disable',
  operationId: 'disableTwoFactor',
  tag: 'Accounts',
  summary: 'Turn two-factor sign-in off (needs the password and a code)',
  description:
    'Needs the account password and a code from the authenticator (or a recovery code), so a session alone cannot remove the second factor. The secret and the recovery codes are deleted. Both checks count against the sign-in limits.',
  access: ACCESS.session,
  request: { body: jsonBody(ZDisableTwoFactorInput) },
  responses: {
    204: plain('Two-factor sign-in is off.'),
    400: refused([ERRORS.passwordIncorrect(), ERRORS.twoFactorConfirmInvalid(), ERRORS.twoFactorNotEnabled()]),
    429: refused(
      [ERRORS.loginLocked({ retryAfter: 900 }), ERRORS.hashingBusy()],
      'Too many sign-in attempts for this account or address.',
    ),
  },
  handler: async ({ c, deps, user, body }) => {
    await disableTwoFactor(deps, { user, ...body, ip: clientIp(c) });
  },
});
