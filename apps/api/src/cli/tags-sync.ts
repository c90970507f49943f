import { readFile } from 'node:fs/promises';
import { syncTags } from '@mediashare/core';
import { bootstrap } from '../bootstrap';
import { loadEnv } from '../env';
import { createLogger } from '../logger';

// `pnpm tags:sync <file.json>`: makes the canonical tags equal to the file's list (see README).
const file = process.argv[2];
if (!file) {
  process.stderr.write(
    'usage: pnpm tags:sync <file.json>\n  The file holds the complete list: [{ "slug": "night", "label": "Night" }, ...]\n',
  );
  process.exit(2);
}

const env = loadEnv();
const deps = await bootstrap(env, createLogger('warn'));
try {
  const list: unknown = JSON.parse(await readFile(file, 'utf8'));
  const result = await syncTags(deps, list);
  const line = (label: string, slugs: string[]) =>
    `${label.padEnd(12)} ${slugs.length}${slugs.length ? `  (${slugs.join(', ')})` : ''}\n`;
  process.stdout.write(
    line('added', result.added) +
      line('relabeled', result.relabeled) +
      line('reactivated', result.reactivated) +
      line('deactivated', result.deactivated),
  );
} catch (error) {
  process.stderr.write(`tags:sync failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await deps.watermark.close?.();
  await deps.db.close();
}
