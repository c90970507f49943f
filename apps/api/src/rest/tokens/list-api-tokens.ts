import { ACCESS, findApiTokens, ZApiToken } from '@mediashare/core';
import { z } from 'zod';
import { defineRoute, json } from '../define-route';

export const listApiTokensRoute = defineRoute({
  method: 'get',
  path: '/api/user/tokens',
  operationId: 'listApiTokens',
  tag: 'API tokens',
  summary: "The caller's active tokens (without secrets)",
  access: ACCESS.session,
  responses: { 200: json(z.array(ZApiToken), 'Newest first.') },
  handler: ({ deps, user }) => findApiTokens(deps, user.id),
});
