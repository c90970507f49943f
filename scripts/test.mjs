// `pnpm test`: every package's tests through turbo, then one closing line that adds up what Vitest reported
// in each package (`N passed, N failed, N skipped`, numbers only), also written to
// test-results/summary.txt so that .ci/run can repeat it as its very last line. A run in which no test
// executed fails, whatever turbo says.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summaryLine, tally } from './lib/test-summary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const turbo = join(root, 'node_modules', '.bin', 'turbo');
const args = ['run', 'test', '--continue', '--output-logs=full', '--log-order=grouped', ...process.argv.slice(2)];

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
const line = summaryLine(totals);
mkdirSync(join(root, 'test-results'), { recursive: true });
writeFileSync(join(root, 'test-results', 'summary.txt'), `${line}\n`);
if (code === 0 && totals.passed === 0) console.error('No test ran: Vitest reported no passing test in any package.');
console.log(`\n${line}`);
process.exit(code === 0 && (totals.failed > 0 || totals.passed === 0) ? 1 : code);
