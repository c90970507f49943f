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
    'For load balancers and orchestrators: 200 once this process can serve requests, 503 while the database or storage does not answer. It checks both at once and answers within 2 s whatever they do; it reads no credentials.',
  access: ACCESS.public,
  outages: 'none',
  responses: {
    200: json(ZReadiness, 'Ready to serve requests.'),
    503: refused(
      [ERRORS.notReady({ database: 'unavailable', storage: 'ok' })],
      'The database or storage does not answer (within 2 s); `database` and `storage` say which. Retry-After says when to ask again.',
    ),
  },
  handler: async ({ deps }) => {
    const readiness = await checkReadiness(deps);
    if (readiness.status !== 'ready') throw ERRORS.notReady(readiness);
    return readiness;
  },
});
