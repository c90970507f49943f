import { ERRORS } from '@mediashare/core';
import type { Context } from 'hono';
import type { AppEnv } from '../deps';

/** Room for multipart boundaries and part headers on top of the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** Refuses an upload whose declared length is already over the limit, before reading a byte of it. */
export const refuseLargeUpload = (c: Context<AppEnv>) => {
  const declared = Number(c.req.header('content-length') ?? Number.NaN);
  const max = c.get('deps').config.maxUploadBytes;
  if (Number.isFinite(declared) && declared > max + MULTIPART_OVERHEAD) {
    // Closing the connection spares both sides the rest of a body nobody will read.
    c.header('Connection', 'close');
    throw ERRORS.fileTooLarge({ limit: max });
  }
};
