import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { ERRORS, fingerprintOf, IDEMPOTENCY_KEY_HEADER, replayOrRun, ZIdempotencyKey } from '@mediashare/core';
import type { Context } from 'hono';
import type { ContentfulStatusCode, StatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../deps';
import type { ReceivedFile } from '../http/multipart';
import type { Route } from './define-route';

/** Set on an answer that was stored under the request's Idempotency-Key, not made by this request. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** The request's Idempotency-Key, if it sent one; a malformed key is refused before any work. */
export const idempotencyKeyOf = (c: Context<AppEnv>): string | undefined => {
  const key = c.req.header(IDEMPOTENCY_KEY_HEADER);
  if (key === undefined) return undefined;
  if (!ZIdempotencyKey.safeParse(key).success) throw ERRORS.invalidIdempotencyKey();
  return key;
};

/** Passes an upload's bytes through unchanged, hashing them on the way to storage. */
const hashAsRead = (source: Readable) => {
  const hash = createHash('sha256');
  const through = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  source.on('error', (error) => through.destroy(error));
  source.pipe(through);
  return { stream: through, digest: () => hash.digest('hex') };
};

/** Reads a duplicate upload to its end for its hash, storing nothing: its answer is the first one's. */
const drainHash = async (source: Readable, limit: number) => {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of source as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > limit) throw ERRORS.fileTooLarge({ limit });
    hash.update(chunk);
  }
  return hash.digest('hex');
};

interface Input {
  c: Context<AppEnv>;
  deps: AppEnv['Variables']['deps'];
  user: { id: number };
  params: unknown;
  query: unknown;
  body: unknown;
}

/**
 * Runs a route declared `idempotent` under the caller's Idempotency-Key (core: replayOrRun). What makes
 * two requests the same: the operation, its path, query and JSON body, or an upload's file name and bytes.
 */
export const handleIdempotently = async (
  route: Route,
  input: Input,
  key: string,
  success: { status: number; hasBody: boolean },
  handler: (input: Input) => unknown,
) => {
  const { c, deps, user } = input;
  const file = route.request?.body?.kind === 'file' ? (input.body as ReceivedFile) : null;
  const fingerprint = (fileHash?: string) =>
    fingerprintOf(route.operationId, {
      path: c.req.path,
      params: input.params,
      query: input.query,
      body: file ? { fileName: file.fileName ?? null, sha256: fileHash } : input.body,
    });

  const outcome = await replayOrRun(deps, {
    userId: user.id,
    key,
    fingerprint: async () => fingerprint(file ? await drainHash(file.stream, deps.config.maxUploadBytes) : undefined),
    run: async () => {
      const hashed = file ? hashAsRead(file.stream) : null;
      if (file && hashed) input.body = { ...file, stream: hashed.stream } satisfies ReceivedFile;
      const result = await handler(input);
      return {
        result,
        fingerprint: fingerprint(hashed?.digest()),
        // A Response the handler built itself (a file, a redirect) is not stored: the retry runs again.
        answer: result instanceof Response ? null : { status: success.status, body: success.hasBody ? result : null },
      };
    },
  });
  if (!outcome.replayed) return outcome.result;
  c.header(REPLAYED_HEADER, 'true');
  const { status, body } = outcome.answer;
  return success.hasBody ? c.json(body as object, status as ContentfulStatusCode) : c.body(null, status as StatusCode);
};
