import { ACCESS, checkReadiness, ERRORS } from '@mediashare/core';
import { z } from 'zod';
import { defineRoute, json, refused } from '../define-route';

const state = z.enum(['ok', 'unavailable']);
const ZReadiness = z.object({ status: z.enum(['ready', 'unavailable']), database: state, storage: state });

export const checkReadinessRoute = defineRoute({
  method: 'get',
  path: '/readyz',
  operationId: 'checkReadiness',
  tag: 'Operations',
  summary: 'Readiness: the database and storage both answer (the answer comes within 2 s)',
  description:
    '200 when the database and storage both answer; 503 with Retry-After and the failing dependency named otherwise, said within 2 s. For load balancers deciding whether to send traffic; it reads no credentials.',
  access: ACCESS.public,
  outages: 'none',
  responses: {
    200: json(ZReadiness, 'Ready to serve requests.'),
    503: refused(
      [ERRORS.notReady({ database: 'unavailable', storage: 'ok' })],
      'The database or storage does not answer (within 2 s); the fields say which.',
    ),
  },
  handler: async ({ deps }) => {
    const readiness = await checkReadiness(deps);
    if (readiness.status !== 'ready') throw ERRORS.notReady(readiness);
    return readiness;
  },
});
