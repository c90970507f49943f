import { timingSafeEqual } from 'node:crypto';
import { ERRORS, uploadMedia, ZGeneratedSource, ZId } from '@mediashare/core';
import { Hono, type MiddlewareHandler } from 'hono';
import type { AppEnv } from '../deps';
import { receiveFile } from '../http/multipart';
import { refuseOversizedBody } from '../http/upload-limit';
import { parseInput } from '../http/validate';

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * Internal apps authenticate with INTERNAL_API_TOKEN. Without the token configured, or with a wrong one,
 * these routes answer exactly like a path that does not exist.
 */
const requireServiceToken = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const expected = c.get('deps').env.INTERNAL_API_TOKEN;
  const given = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
  if (!expected || !given || !sameSecret(given, expected)) throw ERRORS.routeNotFound();
  return next();
};

export const internalRoutes = new Hono<AppEnv>()
  .use('*', requireServiceToken())
  /** Registers generated media for a user: stored under `<userId>/generated/<source>/`. */
  .post('/users/:userId/generated/:source', refuseOversizedBody(), async (c) => {
    const userId = parseInput(ZId, Number(c.req.param('userId')));
    const source = parseInput(ZGeneratedSource, c.req.param('source'));
    const deps = c.get('deps');
    if (!(await deps.db.users.findById(userId))) throw ERRORS.userNotFound();
    const { fileName, stream } = await receiveFile(c);
    return c.json(await uploadMedia(deps, { userId, fileName, body: stream, source }), 201);
  });
