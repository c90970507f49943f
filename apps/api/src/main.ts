import { runSweep, startDeleteWorker, startRenditionWorker } from '@mediashare/core';
import { createApp } from './app';
import { startBackupControl } from './backup/start-backup-control';
import { bootstrap } from './bootstrap';
import { loadEnv } from './env';
import { answerClientError } from './http/client-error';
import { startServer } from './http/node-server';
import { createLogger } from './logger';
import { recordSweep } from './metrics/instrument';

const SHUTDOWN_GRACE_MS = 10_000;

const env = loadEnv();
const logger = createLogger(env.LOG_LEVEL);

// On the embedded default, `pnpm backup` takes its snapshot through this process (see backup/).
const backups = await startBackupControl(await bootstrap(env, logger));
const { deps } = backups;
// Renditions are made here, off the request path, by this process's share of the durable job queue.
const renditions = startRenditionWorker(deps, {
  concurrency: env.RENDITION_CONCURRENCY,
  pollMs: env.RENDITION_POLL_SECONDS * 1000,
});
deps.wakeRenditionWorker = renditions.wake;
const app = createApp(deps);

const limits = { headersTimeoutMs: env.HEADERS_TIMEOUT_SECONDS * 1000, requestTimeoutMs: env.REQUEST_TIMEOUT_SECONDS * 1000 };
const server = startServer(app, { port: env.PORT, hostname: env.HOST, ...limits }, (info) => {
  logger.info({ port: info.port, database: env.DATABASE_URL ? 'postgres' : 'pglite', storage: env.STORAGE_DRIVER }, 'listening');
  // Humans read this line; the JSON one above is for log collectors.
  process.stdout.write(`\nmediashare is running at ${env.PUBLIC_URL}\n\n`);
});
server.on('clientError', answerClientError(logger));

// Every instance schedules the sweep; a database lock lets only one run it at a time.
const sweepTimer = setInterval(() => {
  void runSweep(deps, { graceMs: env.SWEEP_GRACE_SECONDS * 1000 }).then(
    (result) => deps.metrics && recordSweep(deps.metrics, result.storage),
    (error: unknown) => {
      deps.metrics?.sweeps.inc({ outcome: 'failed' });
      logger.error({ err: error }, 'sweep failed');
    },
  );
}, env.SWEEP_INTERVAL_SECONDS * 1000);
sweepTimer.unref();

// Unpublished public files whose delete storage did not confirm: retried within seconds, not at the sweep.
const deleteWorker = startDeleteWorker(deps, {
  pollMs: env.DELETE_POLL_SECONDS * 1000,
  maxDelayMs: env.DELETE_RETRY_MAX_SECONDS * 1000,
});

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: finishing in-flight requests');
  clearInterval(sweepTimer);
  void deleteWorker.stop();
  const force = setTimeout(() => {
    logger.warn('in-flight requests did not finish in time; exiting');
    process.exit(1);
  }, SHUTDOWN_GRACE_MS);
  force.unref();
  server.close(async () => {
    await backups.close();
    await renditions.stop();
    await deps.watermark.close?.();
    await deps.db.close().catch(() => {});
    logger.info('stopped');
    process.exit(0);
  });
  // Idle keep-alive sockets would hold close() open until they time out.
  if ('closeIdleConnections' in server) server.closeIdleConnections();
};
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
