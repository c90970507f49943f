import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { createHashingGate } from '../auth/hashing-gate';
import type { CoreConfig, CoreDeps } from '../deps';
import type { WatermarkPort } from '../ports/imaging';
import { silentLogger } from '../ports/logger';
import { createMemoryDatabase, type MemoryState } from './memory-database';
import { createMemoryStorage } from './memory-storage';

/** What the fake watermark puts in front of an image's bytes, so a test can tell a marked copy. */
export const MARK = Buffer.from('MARKED:');

/** Marks by prefixing MARK; the real one (packages/imaging) has tests of its own. */
const fakeWatermark: WatermarkPort = {
  async watermark(input, mimeType) {
    const bytes = Buffer.isBuffer(input) ? input : await buffer(input);
    return { stream: Readable.from([Buffer.concat([MARK, bytes])]), width: 4, height: 3, mimeType };
  },
};

export const TEST_CONFIG: CoreConfig = {
  maxUploadBytes: 1024 * 1024,
  maxImagePixels: 1_000_000,
  maxTagsPerMedia: 3,
  session: { idleTtlMs: 3_600_000, absoluteTtlMs: 86_400_000 },
  loginThrottle: { windowMs: 60_000, maxFailuresPerLogin: 3, maxFailuresPerIp: 10 },
  scryptCost: 1024,
  // No waiting: a request that would wait for another's copy answers 503 at once.
  share: { claimTtlMs: 30_000, claimWaitMs: 0, lockTimeoutMs: 1_000 },
  rateLimits: {
    enabled: true,
    budgets: {
      uploads: { account: { limit: 3, windowMs: 60_000 }, address: { limit: 5, windowMs: 60_000 } },
      shares: { account: { limit: 3, windowMs: 60_000 }, address: { limit: 5, windowMs: 60_000 } },
      tokens: { account: { limit: 3, windowMs: 60_000 } },
      registrations: { address: { limit: 2, windowMs: 3_600_000 } },
      unlocks: { address: { limit: 3, windowMs: 60_000 } },
      reports: { account: { limit: 3, windowMs: 60_000 } },
    },
  },
};

/** Core's deps over the in-memory ports, with the handles tests use to arrange and inspect them. */
export const createTestDeps = (options: { config?: Partial<CoreConfig>; state?: MemoryState } = {}) => {
  const memory = createMemoryDatabase(options.state);
  const files = createMemoryStorage();
  let clock = new Date('2026-01-01T00:00:00Z').getTime();
  const deps: CoreDeps = {
    db: memory.db,
    storage: files.storage,
    watermark: fakeWatermark,
    logger: silentLogger,
    config: { ...TEST_CONFIG, ...options.config },
    now: () => new Date(clock),
    hashing: createHashingGate({ perAddress: 2 }),
  };
  return {
    deps,
    memory,
    files,
    /** Moves the deps' clock on. */
    advance: (ms: number) => {
      clock += ms;
    },
  };
};

export type TestDeps = ReturnType<typeof createTestDeps>;
