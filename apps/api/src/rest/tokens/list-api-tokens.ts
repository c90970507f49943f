import { ACCESS, findApiTokens, ZApiToken } from '@mediashare/core';
import { z } from 'zod';
import { defineRoute, json } from '../define-route';

export const listApiTokensRoute = defineRoute({
  method: 'get',
  path: '/api/user/tokens',
  operationId: 'listApiTokens',
  tag: 'API tokens',
  summary: "The caller's active tokens (without secrets)",
  description:
    "The caller's active tokens: name, scopes, creation, last use and expiry, never the secret. Only a signed-in session may list them.",
  access: ACCESS.session,
  responses: { 200: json(z.array(ZApiToken), 'Newest first.') },
  handler: ({ deps, user }) => findApiTokens(deps, user.id),
});
