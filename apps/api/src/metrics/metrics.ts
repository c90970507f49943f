import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const IMAGING_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32];

/**
 * What GET /metrics reports, in a registry of its own (never prom-client's global one, so several apps
 * in one process, as in tests, keep apart). Labels are route patterns, operation names and outcomes only:
 * never ids, codes or user names, whose every value would be a new series.
 */
export const createMetrics = () => {
  const registry = new Registry();
  // Process CPU, memory, handles, GC, and event-loop delay (nodejs_eventloop_lag_*, from monitorEventLoopDelay).
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const registers = [registry];
  return {
    registry,
    requests: new Counter({
      name: 'mediashare_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern (or tRPC procedure) and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    requestSeconds: new Histogram({
      name: 'mediashare_http_request_duration_seconds',
      help: 'Time until the response was ready (a streamed body may take longer to send)',
      labelNames: ['method', 'route', 'status'],
      buckets: SECONDS,
      registers,
    }),
    shares: new Counter({
      name: 'mediashare_shares_total',
      help: 'Share operations by operation and outcome (ok, refused: 4xx, busy: 503, failed: 5xx)',
      labelNames: ['operation', 'outcome'],
      registers,
    }),
    imagingSeconds: new Histogram({
      name: 'mediashare_imaging_duration_seconds',
      help: 'Image work (watermark, renditions, stripped copies, video probes, hashes) by operation and outcome',
      labelNames: ['operation', 'outcome'],
      buckets: IMAGING_SECONDS,
      registers,
    }),
    storageErrors: new Counter({
      name: 'mediashare_storage_errors_total',
      help: 'Storage operations that failed (missing objects not counted), by operation',
      labelNames: ['operation'],
      registers,
    }),
    storageRetries: new Counter({
      name: 'mediashare_storage_retries_total',
      help: 'Storage requests sent again after a 5xx answer or a network failure (Supabase driver)',
      registers,
    }),
    sweeps: new Counter({
      name: 'mediashare_sweep_runs_total',
      help: 'Storage sweeps by outcome (ran, skipped: another process was sweeping, failed)',
      labelNames: ['outcome'],
      registers,
    }),
    sweptObjects: new Counter({
      name: 'mediashare_sweep_objects_total',
      help: 'What sweeps did with the objects they looked at (deleted, incomplete, kept, failed)',
      labelNames: ['result'],
      registers,
    }),
  };
};

export type Metrics = ReturnType<typeof createMetrics>;
