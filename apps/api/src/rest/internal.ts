import { ACCESS, authorize, ERRORS, uploadMedia, ZGeneratedSource, ZId } from '@mediashare/core';
import { Hono } from 'hono';
import type { AppEnv } from '../deps';
import { receiveFile } from '../http/multipart';
import { refuseOversizedBody } from '../http/upload-limit';
import { parseInput } from '../http/validate';

/**
 * Internal apps authenticate with INTERNAL_API_TOKEN. Without the token configured, or with a wrong one,
 * these routes answer exactly like a path that does not exist.
 */
export const internalRoutes = new Hono<AppEnv>()
  .use('*', async (c, next) => {
    authorize(c.get('caller'), ACCESS.service);
    return next();
  })
  /** Registers generated media for a user: stored under `<userId>/generated/<source>/`. */
  .post('/users/:userId/generated/:source', refuseOversizedBody(), async (c) => {
    const userId = parseInput(ZId, Number(c.req.param('userId')));
    const source = parseInput(ZGeneratedSource, c.req.param('source'));
    const deps = c.get('deps');
    if (!(await deps.db.users.findById(userId))) throw ERRORS.userNotFound();
    const { fileName, stream } = await receiveFile(c);
    return c.json(await uploadMedia(deps, { userId, fileName, body: stream, source }), 201);
  });
