// `pnpm test`: every package's tests through turbo, then one closing line that adds up what Vitest reported
// in each package ("tests: N passed, N failed, N skipped"), also written to test-results/summary.txt so that
// .ci/run can repeat it as its last line. A run in which no test executed fails, whatever turbo says.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const turbo = join(root, 'node_modules', '.bin', 'turbo');
const args = ['run', 'test', '--continue', '--output-logs=full', '--log-order=grouped', ...process.argv.slice(2)];

// eslint-disable-next-line no-control-regex -- ANSI colour sequences are what this strips
const ANSI = /\x1b\[[0-9;]*m/g;
// Vitest's summary, e.g. "Tests  3 failed | 634 passed | 1 skipped (638)", after turbo's "pkg:test: " prefix.
const SUMMARY = /^(?:\S+:test:)?\s*Tests\s+((?:\d+ [a-z]+(?: \| )?)+)\s*\(\d+\)\s*$/;

const tally = (text) => {
  const totals = { passed: 0, failed: 0, skipped: 0, todo: 0, summaries: 0 };
  for (const raw of text.split(/\r?\n/)) {
    const match = SUMMARY.exec(raw.replace(ANSI, ''));
    if (!match) continue;
    totals.summaries += 1;
    for (const [, count, kind] of match[1].matchAll(/(\d+) ([a-z]+)/g)) {
      if (kind in totals) totals[kind] += Number(count);
    }
  }
  return totals;
};

const run = () =>
  new Promise((resolve) => {
    const child = spawn(turbo, args, { cwd: root, stdio: ['inherit', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk.toString('utf8');
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });

const { code, output } = await run();
const totals = tally(output);
const line = `tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped + totals.todo} skipped`;
mkdirSync(join(root, 'test-results'), { recursive: true });
writeFileSync(join(root, 'test-results', 'summary.txt'), `${line}\n`);
console.log(`\n${line}`);
if (code === 0 && totals.passed === 0) {
  console.error('No test ran: Vitest reported no passing test in any package.');
  process.exit(1);
}
process.exit(code === 0 && totals.failed > 0 ? 1 : code);
