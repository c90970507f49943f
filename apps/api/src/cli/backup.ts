import { parseArgs } from 'node:util';
import { backupEmbedded } from '../backup/backup-embedded';
import { formatBytes } from '../backup/format-bytes';
import { loadEnv } from '../env';

// `pnpm backup --out <dir>`: a restorable copy of DATA_DIR's database and storage (see README, "Backups").
const USAGE = `usage: pnpm backup --out <dir>
  Copies the embedded database and the local storage of DATA_DIR into <dir> (a new or empty folder),
  while the server runs or while it is stopped. pnpm restore <dir> brings it back.
`;

let out: string | undefined;
try {
  ({ out } = parseArgs({ options: { out: { type: 'string' } } }).values);
} catch {
  out = undefined;
}
if (!out) {
  process.stderr.write(USAGE);
  process.exit(2);
}

const env = loadEnv();
const started = performance.now();
const say = (label: string, text: string) => process.stdout.write(`${label.padEnd(10)} ${text}\n`);
try {
  const manifest = await backupEmbedded({
    env,
    out,
    onStep: (step) => {
      if (step.step === 'source') {
        say(
          'source',
          step.serverRunning
            ? `${env.DATA_DIR}, through the running server`
            : `${env.DATA_DIR}, server stopped (it cannot start until this backup is written)`,
        );
      }
      if (step.step === 'database') say('database', `${formatBytes(step.bytes)} compressed`);
    },
  });
  const rows = Object.entries(manifest.database.tables)
    .filter(([table]) => ['users', 'media', 'community_media'].includes(table))
    .map(([table, n]) => `${n} ${table}`)
    .join(', ');
  say('rows', rows);
  say('storage', `${manifest.storage.objects} objects, ${formatBytes(manifest.storage.bytes)}`);
  say('done', `${out} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  process.stderr.write(`backup failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
