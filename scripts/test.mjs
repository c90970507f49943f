// `pnpm test`: every package's tests through turbo, the domain's unit tier (packages/core, seconds) first
// so that a broken rule shows before minutes of integration tests, then one closing line that adds up what Vitest reported
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
const base = ['run', 'test', '--continue', '--output-logs=full', '--log-order=grouped'];
const extra = process.argv.slice(2);
// Arguments of its own (a --filter) make one run of exactly that.
const phases = extra.length > 0 ? [extra] : [['--filter=@mediashare/core'], ['--filter=!@mediashare/core']];

const run = (args) =>
  new Promise((resolve) => {
    const child = spawn(turbo, args, { cwd: root, stdio: ['inherit', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk.toString('utf8');
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });

let code = 0;
let output = '';
for (const phase of phases) {
  const result = await run([...base, ...phase]);
  code ||= result.code;
  output += result.output;
}
const totals = tally(output);
const line = summaryLine(totals);
mkdirSync(join(root, 'test-results'), { recursive: true });
writeFileSync(join(root, 'test-results', 'summary.txt'), `${line}\n`);
if (code === 0 && totals.passed === 0) console.error('No test ran: Vitest reported no passing test in any package.');
console.log(`\n${line}`);
process.exit(code === 0 && (totals.failed > 0 || totals.passed === 0) ? 1 : code);
