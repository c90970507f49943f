import { ACCESS, createApiToken, ZCreatedApiToken, ZCreateTokenInput } from '@mediashare/core';
import { defineRoute, json, jsonBody } from '../define-route';

export const createApiTokenRoute = defineRoute({
  method: 'post',
  path: '/api/user/tokens',
  operationId: 'createApiToken',
  tag: 'API tokens',
  summary: 'Create a personal API token (shown once)',
  description:
    'Creates a personal API token with the given name, scopes (read, share) and optional expiry. The secret is in this answer only; the server keeps its hash. Only a signed-in session may create tokens, not another token.',
  access: ACCESS.session,
  budget: 'tokens',
  request: { body: jsonBody(ZCreateTokenInput) },
  idempotent: true,
  responses: { 201: json(ZCreatedApiToken, 'The token, with its secret: store it now.') },
  handler: ({ deps, user, body }) => createApiToken(deps, { userId: user.id, ...body }),
});
