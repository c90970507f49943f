import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import {
  InvalidKeyError,
  StorageError,
  StorageNotFoundError,
  type ObjectInfo,
  type StoragePort,
  type TBucket,
} from '../ports/storage';

type Operation = 'put' | 'get' | 'stat' | 'delete' | 'copy';

/**
 * The storage port in memory, for the unit tier: whole writes, the key rules every driver enforces, and
 * a failure a test can arm for the next call of one operation.
 */
export const createMemoryStorage = () => {
  const objects = new Map<string, { bytes: Buffer; contentType: string }>();
  const armed = new Set<Operation>();
  const at = (bucket: TBucket, key: string) => {
    if (key === '' || key.startsWith('/') || key.split('/').some((s) => s === '' || s === '.' || s === '..')) {
      throw new InvalidKeyError(key);
    }
    return `${bucket}/${key}`;
  };
  const trip = (operation: Operation) => {
    if (armed.delete(operation)) throw new StorageError(`armed failure of ${operation}`);
  };
  const info = ({ bytes, contentType }: { bytes: Buffer; contentType: string }): ObjectInfo => ({
    size: bytes.length,
    contentType,
  });

  const storage: StoragePort = {
    async put(bucket, key, body, { contentType }) {
      trip('put');
      const bytes = Buffer.isBuffer(body) || body instanceof Uint8Array ? Buffer.from(body) : await buffer(body);
      objects.set(at(bucket, key), { bytes, contentType });
      return { size: bytes.length, contentType };
    },
    async get(bucket, key, options = {}) {
      trip('get');
      const object = objects.get(at(bucket, key));
      if (!object) throw new StorageNotFoundError(bucket, key);
      const { range } = options;
      const bytes = range ? object.bytes.subarray(range.start, range.end + 1) : object.bytes;
      return { ...info(object), stream: Readable.from([bytes]), ...(range ? { range } : {}) };
    },
    async stat(bucket, key) {
      trip('stat');
      const object = objects.get(at(bucket, key));
      return object ? info(object) : null;
    },
    async delete(bucket, key) {
      trip('delete');
      objects.delete(at(bucket, key));
    },
    async copy(from, to) {
      trip('copy');
      const object = objects.get(at(from.bucket, from.key));
      if (!object) throw new StorageNotFoundError(from.bucket, from.key);
      objects.set(at(to.bucket, to.key), { ...object });
      return info(object);
    },
    publicUrl: (bucket, key) => `https://files.example/${bucket}/${key}`,
  };

  return {
    storage,
    objects,
    /** The keys stored in a bucket, sorted. */
    keys: (bucket: TBucket) =>
      [...objects.keys()]
        .filter((k) => k.startsWith(`${bucket}/`))
        .map((k) => k.slice(bucket.length + 1))
        .sort(),
    /** The next call of `operation` fails with a StorageError, once. */
    failNext: (operation: Operation) => armed.add(operation),
  };
};

export type MemoryStorage = ReturnType<typeof createMemoryStorage>;
