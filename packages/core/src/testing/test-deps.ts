import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { createHashingGate } from '../auth/hashing-gate';
import type { CoreConfig, CoreDeps } from '../deps';
import type { ImagingPort, Rendition, TRenditionKind, WatermarkPort } from '../ports/imaging';
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

/** What the fake renditions hold: their kind and the source's bytes, so a test can tell them apart. */
const fakeRendition = (kind: TRenditionKind, source: Buffer): Rendition => {
  const bytes = Buffer.concat([Buffer.from(`${kind.toUpperCase()}:`), source.subarray(0, 16)]);
  return {
    kind,
    stream: Readable.from([bytes]),
    size: bytes.length,
    mimeType: 'image/webp',
    width: 4,
    height: 3,
    isAnimated: false,
  };
};

/** Renditions by prefixing the kind; stripping by returning the bytes. The real service has its own tests. */
const fakeImaging = (): ImagingPort => ({
  ...fakeWatermark,
  async makeRenditions(input) {
    const bytes = Buffer.isBuffer(input) ? input : await buffer(input);
    return {
      width: 4,
      height: 3,
      frames: 1,
      thumbnail: fakeRendition('thumbnail', bytes),
      preview: fakeRendition('preview', bytes),
      placeholder: 'AAAA',
      perceptualHash: '0000000000000000',
    };
  },
  async probeVideo(input) {
    if (!Buffer.isBuffer(input)) input.destroy();
    return { isAvailable: false, reason: 'no video tools in the unit tier' };
  },
  async stripMetadata(input, mimeType) {
    const bytes = Buffer.isBuffer(input) ? input : await buffer(input);
    return { stream: Readable.from([bytes]), size: bytes.length, mimeType, width: 4, height: 3, isLossless: true };
  },
  perceptualHash: async () => null,
  videoTools: async () => ({ isAvailable: false, reason: 'no video tools in the unit tier' }),
  close: async () => {},
});

export const TEST_CONFIG: CoreConfig = {
  maxUploadBytes: 1024 * 1024,
  maxImagePixels: 1_000_000,
  maxTagsPerMedia: 3,
  registration: 'open',
  defaultQuotaBytes: null,
  session: { idleTtlMs: 3_600_000, absoluteTtlMs: 86_400_000 },
  loginThrottle: { windowMs: 60_000, maxFailuresPerLogin: 3, maxFailuresPerIp: 10 },
  scryptCost: 1024,
  // No waiting: a request that would wait for another's copy answers 503 at once.
  share: { claimTtlMs: 30_000, claimWaitMs: 0, lockTimeoutMs: 1_000 },
  policy: { version: 'test-1', text: 'Be kind.', sha256: 'd3f1a2c6b6b1b8d2c8f0e0b8b1a3a7f1c2d9e4f5a6b7c8d9e0f1a2b3c4d5e6f7' },
  moderation: { hideAfterReporters: 3 },
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
  renditions: { leaseMs: 60_000, maxAttempts: 3, retryBaseMs: 1_000 },
  idempotency: { ttlMs: 86_400_000, lockMs: 60_000, waitMs: 1_000, pollMs: 10 },
};

/** Core's deps over the in-memory ports, with the handles tests use to arrange and inspect them. */
export const createTestDeps = (
  options: { config?: Partial<CoreConfig>; state?: MemoryState; imaging?: Partial<ImagingPort> } = {},
) => {
  const memory = createMemoryDatabase(options.state);
  const files = createMemoryStorage();
  let clock = new Date('2026-01-01T00:00:00Z').getTime();
  const deps: CoreDeps = {
    db: memory.db,
    storage: files.storage,
    watermark: fakeWatermark,
    imaging: { ...fakeImaging(), ...options.imaging },
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
