import { ACCESS, checkReadiness } from '@mediashare/core';
import { z } from 'zod';
import { defineRoute, json, jsonWithHeaders } from '../define-route';

const state = z.enum(['ok', 'unavailable']);
const ZReadiness = z.object({ status: z.enum(['ready', 'unavailable']), database: state, storage: state });

export const checkReadinessRoute = defineRoute({
  method: 'get',
  path: '/readyz',
  operationId: 'checkReadiness',
  tag: 'Operations',
  summary: 'Readiness: the database and storage both answer (the answer comes within 2 s)',
  access: ACCESS.public,
  outages: 'none',
  responses: {
    200: json(ZReadiness, 'Ready to serve requests.'),
    503: jsonWithHeaders(ZReadiness, 'The database or storage does not answer (within 2 s); the fields say which.', {
      'Retry-After': 'Seconds to wait before asking again',
    }),
  },
  handler: async ({ c, deps }) => {
    const readiness = await checkReadiness(deps);
    if (readiness.status === 'ready') return readiness;
    c.header('Retry-After', '5');
    return c.json(readiness, 503);
  },
});
