import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createApp } from '@mediashare/api/app';
import { bootstrap } from '@mediashare/api/bootstrap';
import { parseEnv } from '@mediashare/api/env';
import {
  declaredProcedures,
  declaredRoutes,
  executorFor,
  hostileCases,
  type HostileReport,
  inProcessTarget,
  makeSamples,
  runHostileCases,
} from '@mediashare/api/hostile';
import { createLogger } from '@mediashare/api/logger';
import { freshDatabase } from '@mediashare/testing';
import { BENCH_BUDGETS } from '../env';
import { row, type Row } from '../report';
import type { Settings } from '../settings';

const MB = 1024 * 1024;
const PROGRESS_EVERY = 1000;
/** Findings written out as they come; the rows count them all. */
const MAX_TOLD = 20;

/**
 * 20. Generated hostile requests (fast-check) against every REST route and tRPC procedure, in this
 * process through app.request(): how many answered >= 500, how many crashed or went unanswered, how many
 * refusals changed a row or a stored file, and resident memory before and after (after a warm-up).
 */
export const hostileInputSuite = async (settings: Settings): Promise<Row[]> => {
  const database = await freshDatabase('mediashare_bench');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'mediashare-hostile-'));
  const serviceToken = randomBytes(24).toString('hex');
  const env = parseEnv({
    ...BENCH_BUDGETS,
    DATA_DIR: dataDir,
    DATABASE_URL: database.env.DATABASE_URL,
    LOG_LEVEL: 'silent',
    SCRYPT_COST: '1024',
    INTERNAL_API_TOKEN: serviceToken,
    MAX_UPLOAD_BYTES: String(256 * 1024),
  });
  // What the server logs at error level is kept, so a finding comes with the server's own reason.
  const logged: string[] = [];
  const sink = {
    write: (line: string) => {
      logged.push(line.trim());
      if (logged.length > MAX_TOLD) logged.shift();
    },
  };
  const deps = await bootstrap(env, createLogger('error', sink));
  try {
    // A web app of one page, so page paths answer as in production rather than "not built".
    const web = path.join(dataDir, 'web');
    await mkdir(web);
    await writeFile(path.join(web, 'index.html'), '<!doctype html><title>mediashare</title>');
    const app = createApp(deps, { webDistDir: web });
    const samples = await makeSamples();
    const target = await inProcessTarget({
      send: async (input, init) => app.request(input, init),
      execute: executorFor(deps.db.connection.db),
      storageRoot: path.join(env.DATA_DIR, 'storage'),
      serviceToken,
      samples,
    });
    const cases = hostileCases(declaredRoutes, declaredProcedures, samples);
    const seed = Date.now() % 2 ** 31;
    // A warm-up first, so the memory figures compare a settled process with itself.
    // Every case compares the rows and files to judge a refusal, which costs more as fixtures pile up
    // (100,000 cases took 51 minutes on two shared cores): progress goes to stderr as it runs.
    const started = performance.now();
    // Each finding goes to stderr when it is found, so a long run that is cut short still says what it was.
    const told = new Set<object>();
    const tell = (findings: HostileReport['serverErrors']) => {
      for (const finding of findings) {
        if (told.has(finding) || told.size >= MAX_TOLD) continue;
        told.add(finding);
        process.stderr.write(`bench: hostile input: ${finding.status} for ${finding.request}: ${finding.detail}\n`);
        for (const line of logged.splice(0)) process.stderr.write(`bench: hostile input: the server logged ${line}\n`);
      }
    };
    const progress = (stage: string) => (so: HostileReport) => {
      tell([...so.serverErrors, ...so.crashes, ...so.stateChanges]);
      if (so.cases % PROGRESS_EVERY !== 0) return;
      const minutes = ((performance.now() - started) / 60_000).toFixed(1);
      const rss = (process.memoryUsage().rss / MB).toFixed(0);
      process.stderr.write(
        `bench: hostile input: ${stage} ${so.cases} cases in ${minutes} min; >= 500: ${so.serverErrors.length}, crashes: ${so.crashes.length}, refusals that changed state: ${so.stateChanges.length}; RSS ${rss} MB; ${so.checkSeconds.toFixed(0)} s comparing state\n`,
      );
    };
    const warm = await runHostileCases(target, cases, {
      runs: settings.hostileWarmup,
      seed: seed + 1,
      onProgress: progress('warm-up'),
    });
    const report = await runHostileCases(target, cases, { runs: settings.hostileCases, seed, onProgress: progress('run') });
    const all = {
      serverErrors: [...warm.serverErrors, ...report.serverErrors],
      crashes: [...warm.crashes, ...report.crashes],
      stateChanges: [...warm.stateChanges, ...report.stateChanges],
    };
    tell([...all.serverErrors, ...all.crashes, ...all.stateChanges]);
    const figures = {
      cases: report.cases + warm.cases,
      seconds: report.seconds + warm.seconds,
      operations: report.targets.size,
      seed,
      database: database.kind,
    };
    const rssBeforeMB = report.rssBefore / MB;
    const rssAfterMB = report.rssAfter / MB;
    process.stderr.write(`bench: hostile input: RSS before ${rssBeforeMB.toFixed(0)} MB, after ${rssAfterMB.toFixed(0)} MB\n`);
    return [
      row({
        id: '20a',
        name: 'Hostile input, server errors',
        ratioOf: 'answers >= 500',
        value: all.serverErrors.length,
        target: { op: '<=', bound: 0 },
        figures,
      }),
      row({
        id: '20b',
        name: 'Hostile input, crashes',
        ratioOf: 'throws, unanswered requests, uncaught errors',
        value: all.crashes.length,
        target: { op: '<=', bound: 0 },
        figures: {},
      }),
      row({
        id: '20c',
        name: 'Hostile input, refused requests',
        ratioOf: 'refusals after which rows or files differed',
        value: all.stateChanges.length,
        target: { op: '<=', bound: 0 },
        figures: {
          refused: Object.entries(report.byStatus)
            .filter(([s]) => Number(s) >= 400)
            .reduce((n, [, c]) => n + c, 0),
        },
      }),
      row({
        id: '20d',
        name: 'Hostile input, memory',
        ratioOf: `RSS growth over ${report.cases} cases after ${warm.cases} of warm-up (MB)`,
        value: rssAfterMB - rssBeforeMB,
        target: { op: '<=', bound: 64 },
        figures: { rssBeforeMB, rssAfterMB },
      }),
    ];
  } finally {
    await deps.watermark.close?.();
    await deps.db.close();
    await rm(dataDir, { recursive: true, force: true });
    await database.drop();
  }
};
