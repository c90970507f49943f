import { ACCESS, ERRORS, revokeApiToken, ZTokenId } from '@mediashare/core';
import { z } from 'zod';
import { defineRoute, plain, refused } from '../define-route';

export const revokeApiTokenRoute = defineRoute({
  method: 'delete',
  path: '/api/user/tokens/{id}',
  operationId: 'revokeApiToken',
  tag: 'API tokens',
  summary: 'Revoke a token; it is refused from the next request on',
  description:
    "Revokes one of the caller's tokens; a request that presents it afterwards gets 401. Only a signed-in session may revoke tokens.",
  access: ACCESS.session,
  request: { params: z.object({ id: ZTokenId }) },
  responses: {
    204: plain('Revoked.'),
    400: refused([ERRORS.invalidTokenId()]),
    404: refused([ERRORS.tokenNotFound()]),
  },
  handler: ({ deps, user, params }) => revokeApiToken(deps, user.id, params.id),
});
