import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './paths';

const SKIP = new Set(['node_modules', 'dist', '.turbo', 'test-results', 'coverage']);

const newestChange = (entry: string): number => {
  const full = path.join(REPO_ROOT, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(full)
    .filter((name) => !SKIP.has(name))
    .reduce((newest, name) => Math.max(newest, newestChange(path.join(entry, name))), stat.mtimeMs);
};

const BUILDS = [
  {
    name: '@mediashare/web',
    output: 'apps/web/dist/index.html',
    sources: ['apps/web/src', 'apps/web/index.html', 'apps/web/public', 'apps/web/vite.config.ts', 'packages/core/src'],
  },
  {
    name: '@mediashare/api',
    output: 'apps/api/dist/main.js',
    sources: ['apps/api/src', 'apps/api/build.mjs', 'packages'],
  },
];

/**
 * The browser test runs the built server, as `pnpm start` does. Turbo builds first when the whole suite
 * runs; run on its own (`pnpm test` in apps/web) a missing or older build is rebuilt here, so the test
 * never exercises stale code.
 */
export default function ensureBuilds() {
  for (const build of BUILDS) {
    const output = path.join(REPO_ROOT, build.output);
    const builtAt = existsSync(output) ? statSync(output).mtimeMs : 0;
    if (build.sources.every((source) => newestChange(source) < builtAt)) continue;
    execFileSync('pnpm', ['--filter', build.name, 'run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  }
}
