import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { testEnv } from './env';
import { REPO_ROOT } from './server';

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

const BUILDS = {
  web: {
    name: '@mediashare/web',
    output: 'apps/web/dist/index.html',
    sources: ['apps/web/src', 'apps/web/index.html', 'apps/web/public', 'apps/web/vite.config.ts', 'packages/core/src'],
  },
  api: { name: '@mediashare/api', output: 'apps/api/dist/main.js', sources: ['apps/api/src', 'apps/api/build.mjs', 'packages'] },
};

/**
 * Tests of the built server rebuild what is missing or older than its sources, so run on their own
 * (outside turbo, which builds first) they never exercise stale code.
 */
export const ensureBuilds = (which: (keyof typeof BUILDS)[]) => {
  for (const build of which.map((key) => BUILDS[key])) {
    const output = path.join(REPO_ROOT, build.output);
    const builtAt = existsSync(output) ? statSync(output).mtimeMs : 0;
    if (build.sources.every((source) => newestChange(source) < builtAt)) continue;
    execFileSync('pnpm', ['--filter', build.name, 'run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit', env: testEnv.buildEnv() });
  }
};
