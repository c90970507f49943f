import { bootstrapBuckets } from '@mediashare/storage';
import { loadEnv } from '../env';

// `pnpm storage:bootstrap`: creates or corrects the Supabase buckets (see README). Safe to run again; it works
// whatever STORAGE_DRIVER says, so the buckets can be ready before the switch.
const env = loadEnv();
if (!env.SUPABASE_URL || !env.SUPABASE_SERVICE_ROLE_KEY) {
  process.stderr.write('usage: SUPABASE_URL=... SUPABASE_SERVICE_ROLE_KEY=... pnpm storage:bootstrap\n');
  process.exit(2);
}

try {
  const report = await bootstrapBuckets({
    url: env.SUPABASE_URL,
    serviceKey: env.SUPABASE_SERVICE_ROLE_KEY,
    maxUploadBytes: env.MAX_UPLOAD_BYTES,
    timeoutMs: env.SUPABASE_TIMEOUT_MS,
    deadlineMs: env.SUPABASE_DEADLINE_MS,
    retries: env.SUPABASE_RETRIES,
  });
  for (const { bucket, action, changes } of report) {
    process.stdout.write(`${bucket.padEnd(12)} ${action.padEnd(10)} ${changes.join('; ')}`.trimEnd() + '\n');
  }
} catch (error) {
  process.stderr.write(`storage:bootstrap failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
