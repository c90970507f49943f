import { ACCESS, deleteAccount, ERRORS, ZDeleteAccountInput } from '@mediashare/core';
import { clientIp } from '../../http/client-ip';
import { clearedSessionCookie } from '../../http/session-cookie';
import { defineRoute, jsonBody, plain, refused } from '../define-route';

export const deleteAccountRoute = defineRoute({
  method: 'delete',
  path: '/api/auth/me',
  operationId: 'deleteAccount',
  tag: 'Accounts',
  summary: 'Delete the account, its vault and its community copies',
  description:
    "Needs the account's password again; a wrong one counts toward the sign-in throttle. Every session and API token ends and the email and username are free at once; the community copies (public files first) and the vault's items and files are removed, and the activity is kept without the user. If storage or the process fails midway the answer is the same: the delete worker and the sweep finish it.",
  access: ACCESS.session,
  request: { body: jsonBody(ZDeleteAccountInput) },
  responses: {
    204: plain('Deleted; the session cookie is cleared.'),
    400: refused([ERRORS.passwordIncorrect(), ERRORS.invalidInput({ detail: 'Invalid field "password": is required' })]),
    429: refused(
      [ERRORS.loginLocked({ retryAfter: 900 })],
      'Too many wrong passwords for this account or address; retry after Retry-After seconds.',
    ),
  },
  handler: async ({ c, deps, user, body }) => {
    await deleteAccount(deps, { userId: user.id, ip: clientIp(c), ...body });
    c.header('Set-Cookie', clearedSessionCookie(c), { append: true });
  },
});
