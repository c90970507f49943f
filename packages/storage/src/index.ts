export { LocalStorage, type LocalStorageOptions } from './local/local-storage';
export { SupabaseStorage, type SupabaseStorageOptions } from './supabase/supabase-storage';
export { SUPABASE_DEFAULTS, type SupabaseConnectionOptions } from './supabase/supabase-connection';
export {
  BucketLimitAboveProjectError,
  bootstrapBuckets,
  mediaBucketSettings,
  type BucketReport,
  type BucketSettings,
} from './supabase/bootstrap-buckets';
export { assertSafeKey, assertBucketName, contentTypeFromKey, encodeKey } from './keys';
