import { logAppError, toAppError } from '@mediashare/core';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../deps';

/** REST answers errors as `{ "message": ..., ...extra fields }` with the status and headers, as the API documentation shows. */
export const errorResponse = (c: Context<AppEnv>, error: unknown): Response => {
  const appError = toAppError(error);
  logAppError(c.get('deps').logger, appError);
  return c.json({ message: appError.message, ...appError.body }, appError.status as ContentfulStatusCode, {
    ...appError.headers,
  });
};
