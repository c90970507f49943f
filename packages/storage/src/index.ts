export { LocalStorage, type LocalStorageOptions } from './local/local-storage';
export { assertSafeKey, assertBucketName, contentTypeFromKey, encodeKey } from './keys';
