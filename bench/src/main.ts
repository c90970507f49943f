// pnpm bench [--smoke] [--only 1,4,6]: mediashare against its limits and its alternatives, on this
// machine. Every figure is a ratio taken in one run; results go to bench/results/ and BENCHMARKS.md.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ensureBuilds, REPO_ROOT } from '@mediashare/testing';
import { DATABASE_URL } from './env';
import { machine, table, type Row } from './report';
import { settingsFor } from './settings';
import { bundleSuite } from './suites/bundle';
import { endToEndSuite } from './suites/end-to-end';
import { eventLoopSuite } from './suites/event-loop';
import { feedSuite } from './suites/feed';
import { hostileInputSuite } from './suites/hostile-input';
import { memorySuite } from './suites/memory';
import { renditionsSuite } from './suites/renditions';
import { shareApiSuite } from './suites/share-api';
import { vaultViewsSuite } from './suites/vault-views';
import { watermarkSuite } from './suites/watermark';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? new Set((args[onlyIndex + 1] ?? '').split(',')) : null;
const settings = settingsFor(smoke);

const SUITES: { ids: string[]; name: string; run: () => Promise<Row[]> }[] = [
  { ids: ['1'], name: 'watermark', run: () => watermarkSuite(settings) },
  { ids: ['13', '13b', '13c', '13d', '13e', '14', '15', '16'], name: 'renditions', run: () => renditionsSuite(settings) },
  { ids: ['17', '18', '19'], name: 'vault and feed views', run: () => vaultViewsSuite(settings) },
  { ids: ['3'], name: 'event loop', run: () => eventLoopSuite(settings) },
  { ids: ['4', '8', '9'], name: 'share API', run: () => shareApiSuite(settings) },
  { ids: ['5', '10', '11'], name: 'end to end', run: () => endToEndSuite(settings) },
  { ids: ['6'], name: 'feed', run: () => feedSuite(settings) },
  { ids: ['7'], name: 'memory', run: () => memorySuite(settings) },
  { ids: ['12'], name: 'bundle', run: () => bundleSuite() },
  { ids: ['20'], name: 'hostile input', run: () => hostileInputSuite(settings) },
];

const selected = SUITES.filter((suite) => !only || suite.ids.some((id) => only.has(id)));
ensureBuilds(selected.some((suite) => suite.name === 'bundle') ? ['api', 'web'] : ['api']);
const started = Date.now();
const rows: Row[] = [];
for (const suite of selected) {
  process.stderr.write(`bench: ${suite.name}...\n`);
  const suiteStarted = Date.now();
  rows.push(...(await suite.run()));
  process.stderr.write(`bench: ${suite.name} done in ${((Date.now() - suiteStarted) / 1000).toFixed(1)} s\n`);
}

const result = {
  mode: smoke ? 'smoke' : 'full',
  date: new Date().toISOString(),
  seconds: Math.round((Date.now() - started) / 1000),
  machine: machine(),
  database: DATABASE_URL ? 'postgres' : 'pglite',
  settings,
  rows,
};
const markdown = table(rows);
process.stdout.write(
  `\n${markdown}\n\n${rows.filter((r) => r.verdict === 'FAIL').length} FAIL, ${rows.filter((r) => r.verdict === 'PASS').length} PASS, ${rows.filter((r) => r.verdict === 'SKIP').length} SKIP in ${result.seconds} s\n`,
);

const resultsDir = path.join(REPO_ROOT, 'bench/results');
await mkdir(resultsDir, { recursive: true });
// A partial run (--only) never replaces the record of a whole one.
const name = only ? 'partial' : result.mode;
await writeFile(path.join(resultsDir, `${name}-latest.json`), `${JSON.stringify(result, null, 2)}\n`);
if (!smoke && !only) {
  const m = result.machine;
  const notes = await readFile(path.join(REPO_ROOT, 'bench/NOTES.md'), 'utf8').catch(() => '');
  await writeFile(
    path.join(REPO_ROOT, 'BENCHMARKS.md'),
    `# Benchmarks\n\n\`pnpm bench\` on ${m.cpu}, ${m.memory}, ${m.platform}, Node ${m.node}, ${result.database === 'postgres' ? 'PostgreSQL' : 'PGlite'}; ${result.date.slice(0, 10)}, ${result.seconds} s. Raw figures: \`bench/results/full-latest.json\`.\n\nEach value is a ratio (or a bound) measured within one run; see bench/src/suites for how.\n\n${markdown}\n${notes ? `\n${notes}` : ''}`,
  );
}
