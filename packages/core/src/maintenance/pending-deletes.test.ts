import { afterEach, describe, expect, it, vi } from 'vitest';
import { StorageError } from '../ports/storage';
import { applyShare } from '../share/apply-share';
import { createTestDeps } from '../testing/test-deps';
import { deleteRetryDelayMs, runPendingDeletes, startDeleteWorker } from './pending-deletes';

afterEach(() => vi.useRealTimers());

/** An item published to the Community, on deps whose clock is the (fakeable) system clock. */
const published = async () => {
  const t = createTestDeps();
  const deps = { ...t.deps, now: () => new Date() };
  t.memory.state.tags.push({ id: 101, slug: 'night', label: 'Night', active: true });
  const media = await deps.db.media.create({
    userId: 1,
    filePath: '1/uploads/a.png',
    fileName: 'a.png',
    mimeType: 'image/png',
    size: 5,
    width: 4,
    height: 3,
    durationMs: null,
    source: 'upload',
  });
  await t.files.storage.put('user-media', media.filePath, Buffer.from('bytes'), { contentType: 'image/png' });
  const share = (shareToCommunity: boolean) =>
    applyShare(deps, { userId: 1, mediaId: media.id, options: { shareToCommunity, tags: ['night'], policyAgreed: true } });
  await share(true);
  const [publicKey] = t.files.keys('general');
  if (!publicKey) throw new Error('no community copy');
  return { t, deps, share, publicKey };
};

describe('unpublishing while storage is down', () => {
  it('answers, removes the row, and keeps a pending delete due in seconds', async () => {
    const { t, deps, share, publicKey } = await published();
    vi.spyOn(t.files.storage, 'delete').mockRejectedValueOnce(new StorageError('storage is down'));
    const before = Date.now();
    await expect(share(false)).resolves.toMatchObject({ shareCode: expect.any(String) });
    expect(t.memory.state.community).toEqual([]);
    expect(t.files.keys('general')).toEqual([publicKey]);
    const [pending] = t.memory.state.pendingDeletes;
    expect(pending).toMatchObject({ bucket: 'general', path: publicKey, lastError: 'storage is down' });
    expect(pending!.nextAttemptAt.getTime() - before).toBeLessThanOrEqual(1000 + (Date.now() - before));
    // Storage is back: one pass of the worker takes the object out, no sweep involved.
    expect(await runPendingDeletes({ ...deps, now: () => new Date(Date.now() + 1000) })).toMatchObject({ deleted: 1, failed: 0 });
    expect(t.files.keys('general')).toEqual([]);
    expect(t.memory.state.pendingDeletes).toEqual([]);
  });

  it('the worker retries with a backoff of seconds and deletes within 60 s of storage coming back', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T12:00:00Z') });
    const { t, deps, share, publicKey } = await published();
    const spy = vi.spyOn(t.files.storage, 'delete').mockRejectedValue(new StorageError('storage is down'));
    await share(false);
    const worker = startDeleteWorker(deps, { pollMs: 5000 });
    try {
      // Down for ten minutes: retries keep coming, none further apart than the cap.
      await vi.advanceTimersByTimeAsync(10 * 60_000);
      const tries = spy.mock.calls.length;
      expect(tries).toBeGreaterThanOrEqual(10 * 2);
      expect(t.files.keys('general')).toEqual([publicKey]);
      spy.mockRestore();
      const backAt = Date.now();
      while (t.files.keys('general').length > 0 && Date.now() - backAt < 120_000) await vi.advanceTimersByTimeAsync(1000);
      expect(t.files.keys('general')).toEqual([]);
      expect(Date.now() - backAt).toBeLessThanOrEqual(60_000);
      expect(t.memory.state.pendingDeletes).toEqual([]);
    } finally {
      await worker.stop();
    }
  });

  it('backs off 1 s, 2 s, 4 s ... up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => deleteRetryDelayMs(n))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });
});
