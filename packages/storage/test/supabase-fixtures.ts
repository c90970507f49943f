import { Readable } from 'node:stream';
import { bootstrapBuckets, SupabaseStorage, type SupabaseStorageOptions } from '../src';
import { startSupabaseStandIn, type StandInOptions, type SupabaseStandIn } from './supabase-stand-in';

export { DEFAULT_PROJECT_FILE_SIZE_LIMIT, startSupabaseStandIn } from './supabase-stand-in';
export type { SupabaseStandIn };

/**
 * A stand-in with the product's buckets, made the way operators make them: by the bootstrap, on a project
 * whose global limit was raised to allow the buckets' 1 GiB.
 */
export const startStandInWithBuckets = async (options: StandInOptions = {}) => {
  const standIn = await startSupabaseStandIn({ fileSizeLimit: 1024 ** 3, ...options });
  await bootstrapBuckets({ url: standIn.url, serviceKey: standIn.serviceKey, maxUploadBytes: 1024 ** 3 });
  return standIn;
};

/** Fast retries by default, so failure paths do not slow the suite down. */
export const driverFor = (standIn: SupabaseStandIn, options: Partial<SupabaseStorageOptions> = {}) =>
  new SupabaseStorage({ url: standIn.url, serviceKey: standIn.serviceKey, retryBaseDelayMs: 5, retryMaxDelayMs: 20, ...options });

export const requestsTo = (standIn: SupabaseStandIn, method: string, path: RegExp) =>
  standIn.requests.filter((request) => request.method === method && path.test(request.path));

/** A source that counts how often it was read, to prove an upload body was (or was not) consumed. */
export const countedSource = (chunks: Buffer[]) => {
  const state = { reads: 0 };
  const source = new Readable({
    read() {
      state.reads += 1;
      this.push(chunks.shift() ?? null);
    },
  });
  return { source, state };
};
