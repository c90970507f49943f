import { ACCESS, getPublicConfig, ZPublicConfig } from '@mediashare/core';
import { defineRoute, json } from '../define-route';

export const getConfigRoute = defineRoute({
  method: 'get',
  path: '/api/config',
  operationId: 'getConfig',
  tag: 'Community',
  summary: 'Limits clients check before sending: upload size, image pixels, tags per item (public)',
  access: ACCESS.public,
  responses: { 200: json(ZPublicConfig, 'The limits this server enforces.') },
  handler: ({ deps }) => getPublicConfig(deps),
});
