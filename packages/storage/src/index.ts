export { LocalStorage, type LocalStorageOptions } from './local/local-storage';
export { DEFAULT_PUBLIC_CACHE_SECONDS, SupabaseStorage, type SupabaseStorageOptions } from './supabase/supabase-storage';
export { SUPABASE_DEFAULTS, type SupabaseConnectionOptions } from './supabase/supabase-connection';
export {
  BucketLimitAboveProjectError,
  bootstrapBuckets,
  mediaBucketSettings,
  type BucketReport,
  type BucketSettings,
} from './supabase/bootstrap-buckets';
export { assertSafeKey, assertBucketName, contentTypeFromKey, encodeKey } from './keys';
