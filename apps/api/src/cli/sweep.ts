import { runSweep } from '@mediashare/core';
import { bootstrap } from '../bootstrap';
import { loadEnv } from '../env';
import { createLogger } from '../logger';

// `pnpm sweep [--grace-seconds N]`: one sweep now, as the server runs it periodically.
const graceArg = process.argv.indexOf('--grace-seconds');
const env = loadEnv();
const graceSeconds = graceArg > 0 ? Number(process.argv[graceArg + 1]) : env.SWEEP_GRACE_SECONDS;
if (!Number.isFinite(graceSeconds) || graceSeconds < 0) {
  process.stderr.write('usage: pnpm sweep [--grace-seconds N]\n');
  process.exit(2);
}

const deps = await bootstrap(env, createLogger('warn'));
try {
  const { storage, expired, pendingDeletes } = await runSweep(deps, { graceMs: graceSeconds * 1000 });
  process.stdout.write(storage ? `${JSON.stringify(storage)}\n` : 'another process is sweeping storage right now; skipped\n');
  process.stdout.write(`${JSON.stringify({ expired })}\n`);
  process.stdout.write(
    `${JSON.stringify({ pendingDeletes: { deleted: pendingDeletes.deleted, failed: pendingDeletes.failed } })}\n`,
  );
} finally {
  await deps.watermark.close?.();
  await deps.db.close();
}
