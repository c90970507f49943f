import { ACCESS, ERRORS, updateLinkSettings, ZLinkSettings, ZLinkSettingsInput } from '@mediashare/core';
import { defineRoute, json, jsonBody, refused } from '../define-route';
import { ZMediaIdParams } from '../vault/media-id-params';

export const updateShareLinkRoute = defineRoute({
  method: 'patch',
  path: '/api/media/{id}/share/link',
  operationId: 'updateShareLink',
  tag: 'Sharing',
  summary: "Change a share link's settings: expiry, view limit, password, downloads, metadata",
  description:
    "Changes any of the settings of the item's share link; fields left out stay as they are, and `null` clears an expiry, a view limit or a password. A new link has no expiry, no limit, no password, downloads on and metadata off. The expiry must be in the future and at most 10 years away, `maxViews` between 1 and 1,000,000, a password 8 to 256 characters. Setting or changing the password ends every unlock given before. Answers the settings now in force.",
  access: ACCESS.signedIn('share'),
  budget: 'shares',
  request: {
    params: ZMediaIdParams,
    body: jsonBody(ZLinkSettingsInput, {
      limited: {
        summary: 'Expire in a week, at most 100 views, with a password',
        value: { expiresAt: '2030-01-31T12:00:00Z', maxViews: 100, password: 'correct horse battery' },
      },
      cleared: { summary: 'Back to no expiry and no password', value: { expiresAt: null, password: null } },
    }),
  },
  responses: {
    200: json(ZLinkSettings, 'The settings now in force.'),
    400: refused([
      ERRORS.invalidMediaId(),
      ERRORS.invalidInput({ detail: 'Invalid field "expiresAt": must be in the future' }),
      ERRORS.invalidInput({ detail: 'Invalid field "maxViews": must be at least 1' }),
      ERRORS.invalidInput({ detail: 'Invalid field "password": must be at least 8 characters' }),
    ]),
    404: refused([ERRORS.mediaNotFound(), ERRORS.mediaNotShared()]),
    503: refused([ERRORS.mediaBusy()]),
  },
  handler: ({ deps, user, params, body }) => updateLinkSettings(deps, { userId: user.id, mediaId: params.id, input: body }),
});
