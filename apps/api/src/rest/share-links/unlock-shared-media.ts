import { ACCESS, ERRORS, unlockLink, ZUnlockInput } from '@mediashare/core';
import { clientIp } from '../../http/client-ip';
import { unlockCookie } from '../../http/link-visit';
import { defineRoute, jsonBody, plain, refused } from '../define-route';
import { ZShareCodeParams } from './share-code-params';

export const unlockSharedMediaRoute = defineRoute({
  method: 'post',
  path: '/api/shared/media/{code}/unlock',
  operationId: 'unlockSharedMedia',
  tag: 'Share links',
  summary: 'Unlock a share link that has a password (public)',
  description:
    'Checks the password of a share link and sets an HttpOnly cookie that opens this link only, until its password changes. A link without a password needs no unlock (204 without a cookie). After 10 wrong passwords for one link in 15 minutes, from anyone, the link refuses to check more until the window ends (429 with Retry-After); each address also has its own budget across links. Every API process shares both counts.',
  access: ACCESS.public,
  budget: 'unlocks',
  request: {
    params: ZShareCodeParams,
    body: jsonBody(ZUnlockInput, { unlock: { value: { password: 'correct horse battery' } } }),
  },
  responses: {
    204: plain('Unlocked: the cookie for this link is set.', {
      'Set-Cookie': 'The unlock cookie of this link (`msl_<code>`), HttpOnly and SameSite=Lax.',
    }),
    401: refused([ERRORS.linkWrongPassword()]),
    404: refused([ERRORS.sharedMediaNotFound()]),
    410: refused([ERRORS.linkExpired()]),
    429: refused([ERRORS.linkUnlockLocked({ retryAfter: 600 })]),
  },
  handler: async ({ c, deps, params, body }) => {
    const { token } = await unlockLink(deps, { shareCode: params.code, password: body.password, address: clientIp(c) });
    if (token) c.header('Set-Cookie', unlockCookie(c, deps, params.code, token), { append: true });
  },
});
