import { ACCESS, checkHealth, ERRORS } from '@mediashare/core';
import { z } from 'zod';
import { defineRoute, json, refused } from '../define-route';

export const checkHealthRoute = defineRoute({
  method: 'get',
  path: '/healthz',
  operationId: 'checkHealth',
  tag: 'Operations',
  summary: 'Liveness: the process and its database answer',
  description:
    '200 while the process runs and its database answers a query; 503 otherwise. For load balancers and scripts; it reads no credentials.',
  access: ACCESS.public,
  outages: 'none',
  responses: {
    200: json(z.object({ status: z.literal('ok') }), 'Healthy.'),
    503: refused([ERRORS.unhealthy()], 'The database does not answer.'),
  },
  handler: async ({ deps }) => {
    const status = await checkHealth(deps);
    if (status !== 'ok') throw ERRORS.unhealthy();
    return { status };
  },
});
