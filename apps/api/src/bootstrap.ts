import path from 'node:path';
import { createHashingGate, seedDefaultTags, type CoreConfig, type StoragePort } from '@mediashare/core';
import { openDatabase } from '@mediashare/db';
import { createWatermarker } from '@mediashare/imaging';
import { LocalStorage, SupabaseStorage } from '@mediashare/storage';
import type { AppDeps } from './deps';
import type { Env } from './env';
import type { Logger } from './logger';
import { createMetrics, type Metrics } from './metrics/metrics';
import { loadPolicy } from './policy';

export const coreConfigFrom = (env: Env): CoreConfig => ({
  maxUploadBytes: env.MAX_UPLOAD_BYTES,
  maxImagePixels: env.MAX_IMAGE_PIXELS,
  maxTagsPerMedia: env.MAX_TAGS_PER_MEDIA,
  registration: env.REGISTRATION,
  defaultQuotaBytes: env.DEFAULT_QUOTA_BYTES ?? null,
  session: { idleTtlMs: env.SESSION_IDLE_HOURS * 3600_000, absoluteTtlMs: env.SESSION_ABSOLUTE_HOURS * 3600_000 },
  loginThrottle: {
    windowMs: env.LOGIN_LOCK_MINUTES * 60_000,
    maxFailuresPerLogin: env.LOGIN_MAX_FAILURES,
    maxFailuresPerIp: env.LOGIN_MAX_FAILURES_PER_IP,
  },
  scryptCost: env.SCRYPT_COST,
  share: {
    claimTtlMs: env.SHARE_CLAIM_TTL_SECONDS * 1000,
    claimWaitMs: env.SHARE_WAIT_SECONDS * 1000,
    lockTimeoutMs: env.SHARE_LOCK_TIMEOUT_MS,
  },
  rateLimits: { enabled: env.RATE_LIMITS === 'on', budgets: env.BUDGETS },
  policy: loadPolicy({ dir: env.POLICY_DIR, version: env.POLICY_VERSION }),
  moderation: { hideAfterReporters: env.REPORTS_TO_HIDE },
  renditions: {
    leaseMs: env.RENDITION_LEASE_SECONDS * 1000,
    maxAttempts: env.RENDITION_MAX_ATTEMPTS,
    retryBaseMs: env.RENDITION_RETRY_SECONDS * 1000,
  },
  // README: Idempotency-Key. A duplicate waits as long as a share waits for another's copy.
  idempotency: { ttlMs: 24 * 3600_000, lockMs: 60_000, waitMs: env.SHARE_WAIT_SECONDS * 1000, pollMs: 100 },
});

/** The mark is rendered once here, at start, never per request. */
export const createWatermark = (env: Env) =>
  createWatermarker({
    imagePath: env.WATERMARK_IMAGE,
    position: env.WATERMARK_POSITION,
    scale: env.WATERMARK_SCALE,
    opacity: env.WATERMARK_OPACITY,
    margin: env.WATERMARK_MARGIN,
    maxPixels: env.MAX_IMAGE_PIXELS,
    ...(env.WATERMARK_CONCURRENCY ? { concurrency: env.WATERMARK_CONCURRENCY } : {}),
    ...(env.WATERMARK_THREADS ? { threadsPerJob: env.WATERMARK_THREADS } : {}),
    ffmpegPath: env.FFMPEG_PATH,
    ffprobePath: env.FFPROBE_PATH,
    videoTimeoutMs: env.VIDEO_TIMEOUT_SECONDS * 1000,
  });

export const createStorage = (env: Env, metrics?: Metrics): StoragePort => {
  if (env.STORAGE_DRIVER === 'supabase') {
    // The env schema already refuses this driver without both settings; the check narrows their types.
    if (!env.SUPABASE_URL || !env.SUPABASE_SERVICE_ROLE_KEY)
      throw new Error('STORAGE_DRIVER=supabase needs SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY');
    return new SupabaseStorage({
      url: env.SUPABASE_URL,
      serviceKey: env.SUPABASE_SERVICE_ROLE_KEY,
      publicUrl: env.SUPABASE_PUBLIC_URL,
      publicCacheSeconds: env.PUBLIC_CACHE_SECONDS,
      timeoutMs: env.SUPABASE_TIMEOUT_MS,
      deadlineMs: env.SUPABASE_DEADLINE_MS,
      copyDeadlineMs: env.SUPABASE_COPY_DEADLINE_MS,
      retries: env.SUPABASE_RETRIES,
      ...(metrics ? { onRetry: () => metrics.storageRetries.inc() } : {}),
    });
  }
  return new LocalStorage({ root: path.join(env.DATA_DIR, 'storage'), publicBaseUrl: env.PUBLIC_URL });
};

/** The database port with its connection (a backup of the embedded database reaches PGlite through it). */
type Database = Awaited<ReturnType<typeof openDatabase>>;

/** Connects the database (migrating it), the storage driver and the seed data: one per process. */
export const bootstrap = async (env: Env, logger: Logger): Promise<AppDeps & { db: Database }> => {
  const db = await openDatabase({
    url: env.DATABASE_URL,
    dataDir: path.join(env.DATA_DIR, 'pglite'),
    poolSize: env.DATABASE_POOL_SIZE,
    prepare: env.DATABASE_PREPARE,
  });
  const metrics = env.METRICS_TOKEN ? createMetrics() : undefined;
  // One image service does everything to pixels: the watermark, renditions, stripped copies, video.
  const imaging = await createWatermark(env);
  const deps = {
    db,
    storage: createStorage(env, metrics),
    watermark: imaging,
    imaging,
    logger,
    config: coreConfigFrom(env),
    now: () => new Date(),
    hashing: createHashingGate({ perAddress: env.PASSWORD_HASHES_PER_IP }),
    env,
    metrics,
  } satisfies AppDeps;
  const seeded = await seedDefaultTags(deps);
  if (seeded > 0) logger.info({ count: seeded }, 'seeded the canonical tags');
  return deps;
};
