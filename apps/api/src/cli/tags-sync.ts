import { readFile } from 'node:fs/promises';
import { DEFAULT_TAGS, syncTags } from '@mediashare/core';
import { bootstrap } from '../bootstrap';
import { loadEnv } from '../env';
import { createLogger } from '../logger';

// `pnpm tags:sync [file.json]`: makes the canonical tags and their aliases equal to the file's list, or
// to the vocabulary shipped with this version (packages/core/src/tags/default-tags.json) (see README).
const file = process.argv[2];
if (file === '--help' || file === '-h') {
  process.stderr.write(
    'usage: pnpm tags:sync [file.json]\n  The file holds the complete vocabulary: [{ "slug": "black-and-white", "label": "Black and white", "aliases": ["bw"] }, ...]\n  Without a file, the vocabulary shipped with this version is synced.\n',
  );
  process.exit(2);
}

const env = loadEnv();
const deps = await bootstrap(env, createLogger('warn'));
try {
  const list: unknown = file ? JSON.parse(await readFile(file, 'utf8')) : DEFAULT_TAGS;
  const result = await syncTags(deps, list);
  const line = (label: string, slugs: string[]) =>
    `${label.padEnd(12)} ${slugs.length}${slugs.length ? `  (${slugs.join(', ')})` : ''}\n`;
  process.stdout.write(
    line('added', result.added) +
      line('relabeled', result.relabeled) +
      line('reactivated', result.reactivated) +
      line('deactivated', result.deactivated) +
      line('kept merged', result.keptMerged) +
      `${'aliases'.padEnd(12)} ${result.aliases}\n` +
      result.merged.map((m) => `${'merged'.padEnd(12)} ${m.slug} -> ${m.into} (${m.moved} items)\n`).join(''),
  );
} catch (error) {
  process.stderr.write(`tags:sync failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await deps.watermark.close?.();
  await deps.db.close();
}
