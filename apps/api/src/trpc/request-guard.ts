import { ERRORS, logAppError, type AppError } from '@mediashare/core';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../deps';
import { JSON_BODY_LIMIT } from '../http/validate';
import { TRPC_CODES } from './errors';

/** The most calls one batch may carry; the SPA's batch link is held to the same number. */
export const MAX_BATCH_CALLS = 10;

/** Procedures that hash a password: one per request, so a batch cannot turn one request into many hashes. */
const UNBATCHABLE = new Set(['auth.login', 'auth.register']);

/** A refusal before any procedure runs, in tRPC's JSON error shape, so tRPC clients read it as their own. */
export const trpcRefusal = (c: Context<AppEnv>, error: AppError): Response => {
  logAppError(c.get('deps').logger, error);
  const key = TRPC_CODES[error.status];
  const retryAfter = error.headers['Retry-After'];
  const data = { code: key, httpStatus: error.status, ...error.body, ...(retryAfter ? { retryAfter: Number(retryAfter) } : {}) };
  return c.json(
    { error: { message: error.message, code: TRPC_ERROR_CODES_BY_KEY[key], data } },
    error.status as ContentfulStatusCode,
    {
      ...error.headers,
    },
  );
};

const batchPaths = (c: Context): string[] => {
  if (c.req.query('batch') !== '1') return [];
  try {
    return decodeURIComponent(c.req.path.slice('/trpc/'.length)).split(',');
  } catch {
    return []; // a malformed path is tRPC's to refuse
  }
};

/**
 * What /trpc takes, judged before tRPC reads anything: JSON only (as /api), no body over the JSON limit
 * (counted as it arrives when no length is declared), batches of at most MAX_BATCH_CALLS, and no batch
 * that includes a password check.
 */
export const trpcRequestGuard = (): MiddlewareHandler<AppEnv> => {
  const limitBody = bodyLimit({
    maxSize: JSON_BODY_LIMIT,
    onError: (c) => trpcRefusal(c as Context<AppEnv>, ERRORS.bodyTooLarge({ limit: JSON_BODY_LIMIT })),
  });
  return async (c, next) => {
    const paths = batchPaths(c);
    if (paths.length > MAX_BATCH_CALLS) return trpcRefusal(c, ERRORS.batchTooLarge({ max: MAX_BATCH_CALLS }));
    const alone = paths.length > 1 ? paths.find((path) => UNBATCHABLE.has(path)) : undefined;
    if (alone) return trpcRefusal(c, ERRORS.notBatchable({ path: alone }));
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    if (!/^application\/json\s*(;|$)/i.test(c.req.header('content-type') ?? '')) return trpcRefusal(c, ERRORS.jsonRequired());
    return limitBody(c, next);
  };
};
