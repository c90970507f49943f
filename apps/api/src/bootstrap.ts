import path from 'node:path';
import { defaultCoreConfig, seedDefaultTags, type CoreConfig, type StoragePort } from '@mediashare/core';
import { openDatabase } from '@mediashare/db';
import { LocalStorage } from '@mediashare/storage';
import type { AppDeps } from './deps';
import type { Env } from './env';
import type { Logger } from './logger';

export const coreConfigFrom = (env: Env): CoreConfig => ({
  ...defaultCoreConfig,
  maxUploadBytes: env.MAX_UPLOAD_BYTES,
  maxImagePixels: env.MAX_IMAGE_PIXELS,
  maxTagsPerMedia: env.MAX_TAGS_PER_MEDIA,
  session: { idleTtlMs: env.SESSION_IDLE_HOURS * 3600_000, absoluteTtlMs: env.SESSION_ABSOLUTE_HOURS * 3600_000 },
  loginThrottle: {
    windowMs: env.LOGIN_LOCK_MINUTES * 60_000,
    lockMs: env.LOGIN_LOCK_MINUTES * 60_000,
    maxFailuresPerLogin: env.LOGIN_MAX_FAILURES,
    maxFailuresPerIp: env.LOGIN_MAX_FAILURES_PER_IP,
  },
  scryptCost: env.SCRYPT_COST,
});

export const createStorage = (env: Env): StoragePort => {
  if (env.STORAGE_DRIVER === 'supabase') {
    throw new Error('STORAGE_DRIVER=supabase is not available in this build');
  }
  return new LocalStorage({ root: path.join(env.DATA_DIR, 'storage'), publicBaseUrl: env.PUBLIC_URL });
};

/** Connects the database (migrating it), the storage driver and the seed data: one per process. */
export const bootstrap = async (env: Env, logger: Logger): Promise<AppDeps> => {
  const db = await openDatabase({
    url: env.DATABASE_URL,
    dataDir: path.join(env.DATA_DIR, 'pglite'),
    poolSize: env.DATABASE_POOL_SIZE,
  });
  const deps: AppDeps = {
    db,
    storage: createStorage(env),
    logger,
    config: coreConfigFrom(env),
    now: () => new Date(),
    env,
  };
  const seeded = await seedDefaultTags(deps);
  if (seeded > 0) logger.info({ count: seeded }, 'seeded the canonical tags');
  return deps;
};
