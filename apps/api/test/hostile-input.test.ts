import { mkdir, mkdtemp, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileCases } from './support/hostile/cases';
import { describeReport, runHostileCases } from './support/hostile/run';
import {
  declaredProcedures,
  declaredRoutes,
  executorFor,
  inProcessTarget,
  makeSamples,
  storedFiles,
} from './support/hostile/target';
import { createHarness, INTERNAL_TOKEN, type Harness } from './support/harness';

/**
 * Generated hostile requests (fast-check) against every declared REST route and tRPC procedure: bodies,
 * ids, headers and multipart parts. `pnpm bench` runs 100,000; here a few thousand, on a database of its
 * own so that nothing else changes the rows compared. HOSTILE_RUNS and HOSTILE_SEED replay a run.
 */
const RUNS = Number(process.env.HOSTILE_RUNS ?? 2000);
const SEED = Number(process.env.HOSTILE_SEED ?? 20261201);

let h: Harness;
let web: string;
beforeAll(async () => {
  // A built web app of one page, so that page paths answer as in production rather than "not built".
  web = await mkdtemp(path.join(tmpdir(), 'mediashare-web-'));
  await writeFile(path.join(web, 'index.html'), '<!doctype html><title>mediashare</title>');
  h = await createHarness({
    isolated: true,
    webDistDir: web,
    env: { INTERNAL_API_TOKEN: INTERNAL_TOKEN, MAX_UPLOAD_BYTES: String(256 * 1024) },
  });
}, 180_000);
afterAll(async () => {
  await h?.close();
  await rm(web, { recursive: true, force: true });
});

describe('hostile input', () => {
  it('never answers >= 500, never crashes, and refused requests change no row and no file', async () => {
    const samples = await makeSamples();
    const target = await inProcessTarget({
      send: async (input, init) => h.app.request(input, init),
      execute: executorFor(h.sql),
      storageRoot: h.storageRoot,
      serviceToken: INTERNAL_TOKEN,
      samples,
    });
    const report = await runHostileCases(target, hostileCases(declaredRoutes, declaredProcedures, samples), {
      runs: RUNS,
      seed: SEED,
    });
    console.info(`seed ${SEED}\n${describeReport(report)}`);

    expect(report.serverErrors.slice(0, 5)).toEqual([]);
    expect(report.crashes.slice(0, 5)).toEqual([]);
    expect(report.stateChanges.slice(0, 5)).toEqual([]);
    // Every route and procedure was aimed at.
    const missing = [
      ...declaredRoutes.map((r) => r.operationId).filter((id) => !report.targets.has(id)),
      ...declaredProcedures
        .map((p) => p.path)
        .filter((p) => ![...report.targets].some((t) => t.startsWith('trpc:') && t.slice(5).split(',').includes(p))),
    ];
    expect(missing).toEqual([]);
  }, 240_000);

  it('answers a tRPC path that is not valid percent-encoding as a procedure that does not exist, not 500', async () => {
    const res = await h.app.request('/trpc/%ZZ', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).error).toMatchObject({
      message: 'No procedure found on path "%ZZ"',
      data: { code: 'NOT_FOUND', httpStatus: 404 },
    });
  });
});

// The suite judges a refusal by the stored files before and after it; the listing reuses directories
// that have not changed, so it must still see every change, including one in the same clock tick.
describe('the stored-file snapshot', () => {
  it('sees files added, removed and renamed at any depth, however soon after the last look', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'mediashare-snapshot-'));
    try {
      await mkdir(path.join(root, 'general', '7', 'media'), { recursive: true });
      await writeFile(path.join(root, 'general', '7', 'media', 'a.png'), 'a');
      const media = path.join(root, 'general', '7', 'media');
      // A change in the same tick of the file system's clock as the last look leaves the directory's
      // mtime where it was: played here by setting it back.
      const tick = new Date(Date.now() - 100);
      await utimes(media, tick, tick);
      const files = storedFiles(root);
      expect(files()).toEqual(['general/7/media/a.png']);
      await writeFile(path.join(media, 'b.png'), 'b');
      await utimes(media, tick, tick);
      expect(files()).toEqual(['general/7/media/a.png', 'general/7/media/b.png']);
      await rename(path.join(media, 'b.png'), path.join(media, 'c.png'));
      expect(files()).toEqual(['general/7/media/a.png', 'general/7/media/c.png']);
      await mkdir(path.join(root, 'private', '8', 'media'), { recursive: true });
      await writeFile(path.join(root, 'private', '8', 'media', 'd.gif'), 'd');
      expect(files()).toContain('private/8/media/d.gif');
      await rm(path.join(root, 'general'), { recursive: true });
      expect(files()).toEqual(['private/8/media/d.gif']);
      // A storage root that is not there yet lists nothing rather than failing.
      expect(storedFiles(path.join(root, 'absent'))()).toEqual([]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it("reuses a settled directory's listing and still sees a later change to it", async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'mediashare-snapshot-'));
    try {
      const dir = path.join(root, 'private', '9', 'media');
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, 'a.png'), 'a');
      // Settled: last changed well over a second before it is listed.
      const old = new Date(Date.now() - 60_000);
      await utimes(dir, old, old);
      const files = storedFiles(root);
      expect(files()).toEqual(['private/9/media/a.png']);
      await writeFile(path.join(dir, 'b.png'), 'b');
      expect(files()).toEqual(['private/9/media/a.png', 'private/9/media/b.png']);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
