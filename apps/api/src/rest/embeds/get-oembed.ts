import { ACCESS, ERRORS, getOEmbed, ZOEmbed, ZOEmbedQuery } from '@mediashare/core';
import { defineRoute, json, refused } from '../define-route';

export const getOEmbedRoute = defineRoute({
  method: 'get',
  path: '/api/oembed',
  operationId: 'getOEmbed',
  tag: 'Community',
  summary: 'oEmbed 1.0 for a community permalink or a share URL (public)',
  description:
    'What a site needs to embed an item (oEmbed 1.0): `photo` with the public preview for images and GIFs, `video` with a player for videos. The pages link it with `<link rel="alternate" type="application/json+oembed">`. Only URLs of this instance: a community permalink (`/community/{id}`) or a live share URL (`/shared/media/{code}`). Retired links, removed items and anything that must not be embedded answer 404; a format other than `json` answers 501.',
  access: ACCESS.public,
  request: { query: ZOEmbedQuery },
  responses: {
    200: json(ZOEmbed, 'The oEmbed answer.'),
    400: refused([ERRORS.invalidInput({ detail: 'Invalid field "url": is required' })]),
    404: refused([ERRORS.embedNotFound()], 'Nothing at this URL may be embedded.'),
    501: refused([ERRORS.embedFormatNotImplemented()], 'A format other than json was asked for.'),
  },
  handler: ({ deps, query }) => getOEmbed(deps, query, deps.env.PUBLIC_URL),
});
