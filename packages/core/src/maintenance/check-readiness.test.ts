import { afterEach, describe, expect, it, vi } from 'vitest';
import { StorageError } from '../ports/storage';
import { createTestDeps } from '../testing/test-deps';
import { checkReadiness, READINESS_TIMEOUT_MS } from './check-readiness';

afterEach(() => vi.useRealTimers());

describe('checkReadiness', () => {
  it('is ready when the database and storage both answer', async () => {
    const { deps } = createTestDeps();
    expect(await checkReadiness(deps)).toEqual({ status: 'ready', database: 'ok', storage: 'ok' });
  });

  it('names the dependency that fails', async () => {
    const { deps } = createTestDeps();
    vi.spyOn(deps.storage, 'stat').mockRejectedValue(new StorageError('connection refused'));
    expect(await checkReadiness(deps)).toEqual({ status: 'unavailable', database: 'ok', storage: 'unavailable' });
    vi.spyOn(deps.db, 'ping').mockRejectedValue(new Error('connection refused'));
    expect(await checkReadiness(deps)).toEqual({ status: 'unavailable', database: 'unavailable', storage: 'unavailable' });
  });

  it('answers at the deadline when a dependency hangs, not when it gives up', async () => {
    vi.useFakeTimers();
    const { deps } = createTestDeps();
    vi.spyOn(deps.db, 'ping').mockReturnValue(new Promise(() => {}));
    let answer: unknown;
    void checkReadiness(deps).then((a) => (answer = a));
    await vi.advanceTimersByTimeAsync(READINESS_TIMEOUT_MS - 1);
    expect(answer).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(answer).toEqual({ status: 'unavailable', database: 'unavailable', storage: 'ok' });
    expect(READINESS_TIMEOUT_MS).toBe(2000);
  });
});
