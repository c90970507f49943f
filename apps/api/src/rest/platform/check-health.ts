import { ACCESS, checkHealth } from '@mediashare/core';
import { z } from 'zod';
import { defineRoute, json } from '../define-route';

export const checkHealthRoute = defineRoute({
  method: 'get',
  path: '/healthz',
  operationId: 'checkHealth',
  tag: 'Operations',
  summary: 'Liveness: the process and its database answer',
  access: ACCESS.public,
  outages: 'none',
  responses: {
    200: json(z.object({ status: z.literal('ok') }), 'Healthy.'),
    503: json(z.object({ status: z.literal('unavailable') }), 'The database does not answer.'),
  },
  handler: async ({ c, deps }) => {
    const status = await checkHealth(deps);
    return status === 'ok' ? { status } : c.json({ status }, 503);
  },
});
