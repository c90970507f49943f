import { ACCESS, getPublicConfig, ZPublicConfig } from '@mediashare/core';
import { defineRoute, json } from '../define-route';

export const getConfigRoute = defineRoute({
  method: 'get',
  path: '/api/config',
  operationId: 'getConfig',
  tag: 'Community',
  summary: 'Limits clients check before sending: upload size, image pixels, tags per item (public)',
  description:
    'What this server accepts: the upload size limit, the image pixel limit and the most tags per item. Clients check these before sending, to refuse early with the same limits the server applies.',
  access: ACCESS.public,
  responses: { 200: json(ZPublicConfig, 'The limits this server enforces.') },
  handler: ({ deps }) => getPublicConfig(deps),
});
