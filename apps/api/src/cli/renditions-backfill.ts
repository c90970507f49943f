import { backfillRenditions, type BackfillProgress } from '@mediashare/core';
import { bootstrap } from '../bootstrap';
import { loadEnv } from '../env';
import { createLogger } from '../logger';

// `pnpm renditions:backfill`: makes the renditions existing items lack (items uploaded before renditions
// existed, or whose jobs are waiting). Safe beside running servers and safe to interrupt: the queue is
// in the database, so the next run (or a server's worker) goes on where this one stopped.
const env = loadEnv();
const deps = await bootstrap(env, createLogger('warn'));
const isTerminal = process.stdout.isTTY;

const bar = ({ done, remaining }: BackfillProgress) => {
  const total = done + remaining;
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
};

let last = 0;
const show = (progress: BackfillProgress) => {
  // A bar redrawn in place on a terminal; a line every 5 % otherwise (logs, CI).
  if (isTerminal) process.stdout.write(`\r${bar(progress)}`);
  else {
    const total = progress.done + progress.remaining;
    const step = Math.floor((progress.done / Math.max(1, total)) * 20);
    if (step !== last || progress.remaining === 0) process.stdout.write(`${bar(progress)}\n`);
    last = step;
  }
};

try {
  const result = await backfillRenditions(deps, { onProgress: show });
  process.stdout.write(
    `${isTerminal ? '\n' : ''}queued ${result.queued} items, made ${result.done}; ${result.remaining} jobs wait for a retry or another worker\n`,
  );
} finally {
  await deps.watermark.close?.();
  await deps.db.close();
}
