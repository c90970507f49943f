import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiErrors } from './api-errors';
import type { ObjectStore } from './object-store';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** The decoded path parameters: the bucket, then the object key where the route has one. */
  params: string[];
  store: ObjectStore;
  /** The project's global file size limit: no bucket may allow more, no upload that declares more is taken. */
  fileSizeLimit: number;
  /** Set by a `stall` fault: serve this many bytes of the object, then go quiet with the response open. */
  stallAfter?: number;
}

export interface Route {
  method: string;
  /** Matched against the encoded path below /storage/v1; its groups are the parameters. */
  pattern: RegExp;
  /** Public objects are fetched without the service key. */
  isPublic?: boolean;
  handle: (context: RouteContext) => Promise<void>;
}

export const decodeParams = (groups: string[]): string[] =>
  groups.map((group) => {
    try {
      return group.split('/').map(decodeURIComponent).join('/');
    } catch {
      throw apiErrors.validation('params must be URI-encoded');
    }
  });

// Storage accepts the characters S3 calls safe or "requiring special handling", any non-ASCII letter, and
// refuses control characters and `.`/`..` segments (src/storage/limits.ts).
// eslint-disable-next-line no-control-regex
const KEY_CHARACTERS = /^(?:[\w/!\-.*'() &$@=;:+,?]|[^\u0000-\u007f\u0080-\u009f])+$/u;

export const assertValidKey = (key: string) => {
  const isTraversal = key.split('/').some((segment) => segment === '.' || segment === '..');
  if (!KEY_CHARACTERS.test(key) || isTraversal || Buffer.byteLength(key) > 1024) throw apiErrors.invalidKey(key);
};

export const isValidBucketName = (name: string) => name.length > 0 && name.length < 101 && /^[\w!\-.*'() &$@=;:+,?]+$/.test(name);

/** Wildcards like `image/*` are allowed in a bucket's list, as Storage allows them. */
export const isAllowedMimeType = (type: string, allowed: string[] | null) => {
  if (!allowed || allowed.length === 0) return true;
  const base = type.split(';')[0]!.trim().toLowerCase();
  return allowed.some((pattern) => {
    const wanted = pattern.toLowerCase();
    return wanted.endsWith('/*') ? base.startsWith(wanted.slice(0, -1)) : base === wanted;
  });
};
