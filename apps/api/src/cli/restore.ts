import { parseArgs } from 'node:util';
import { formatBytes } from '../backup/format-bytes';
import { restoreBackup } from '../backup/restore-backup';
import { loadEnv } from '../env';

// `pnpm restore <dir>`: a backup of `pnpm backup` into an empty DATA_DIR (see README, "Backups").
const USAGE = `usage: pnpm restore <dir>
  Checks the backup in <dir> and restores it into DATA_DIR, which must be empty or missing.
  Start the server on DATA_DIR afterwards.
`;

let from: string | undefined;
try {
  const { positionals } = parseArgs({ allowPositionals: true });
  from = positionals.length === 1 ? positionals[0] : undefined;
} catch {
  from = undefined;
}
if (!from) {
  process.stderr.write(USAGE);
  process.exit(2);
}

const env = loadEnv();
const started = performance.now();
const say = (label: string, text: string) => process.stdout.write(`${label.padEnd(10)} ${text}\n`);
try {
  const { manifest, missingObjects } = await restoreBackup({
    env,
    from,
    onStep: (step) => {
      if (step.step === 'verified') {
        say(
          'backup',
          `${step.manifest.createdAt}, mediashare ${step.manifest.version}, PostgreSQL ${step.manifest.database.postgres}`,
        );
      }
    },
  });
  say('storage', `${manifest.storage.objects} objects, ${formatBytes(manifest.storage.bytes)}, every checksum matched`);
  say(
    'database',
    `${Object.values(manifest.database.tables).reduce((a, b) => a + b, 0)} rows in ${Object.keys(manifest.database.tables).length} tables, as backed up`,
  );
  for (const { bucket, key } of missingObjects.slice(0, 10))
    say('warning', `${bucket}/${key}: a row points at it, and it was already missing when the backup was taken`);
  if (missingObjects.length > 10) say('warning', `and ${missingObjects.length - 10} more objects like these`);
  say('done', `${env.DATA_DIR} in ${((performance.now() - started) / 1000).toFixed(1)} s; start the server on it`);
} catch (error) {
  process.stderr.write(`restore failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
