import { ACCESS, ERRORS, identifyService } from '@mediashare/core';
import { defineRoute, plain, refused } from '../define-route';

export const getMetricsRoute = defineRoute({
  method: 'get',
  path: '/metrics',
  operationId: 'getMetrics',
  tag: 'Operations',
  summary: 'Prometheus metrics, for the operator (METRICS_TOKEN as a bearer token)',
  description:
    "This process's figures in Prometheus' text format: requests by route pattern and status with latency histograms, shares by outcome, image work, storage failures and retries, sweeps, and the process's own metrics (event-loop delay, memory, CPU). Off unless METRICS_TOKEN is set; without that bearer token the path is a 404, as if it did not exist.",
  access: ACCESS.public,
  // Reads neither storage nor the database: it answers during an outage, which it helps to watch.
  outages: 'none',
  responses: {
    200: plain('Prometheus text exposition format.'),
    404: refused([ERRORS.routeNotFound()], 'Without METRICS_TOKEN, or without its bearer token: as if there were no such path.'),
  },
  handler: async ({ c, deps: { metrics, env } }) => {
    // The constant-time bearer comparison of the internal apps' token, against METRICS_TOKEN.
    const isOperator = identifyService(env.METRICS_TOKEN, c.req.header('authorization')).kind === 'service';
    if (!metrics || !isOperator) throw ERRORS.routeNotFound();
    return new Response(await metrics.registry.metrics(), {
      headers: { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' },
    });
  },
});
