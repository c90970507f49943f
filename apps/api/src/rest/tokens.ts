import {
  ACCESS,
  authorize,
  createApiToken,
  findApiTokens,
  revokeApiToken,
  ZCreateTokenInput,
  ZId,
  ERRORS,
} from '@mediashare/core';
import { Hono } from 'hono';
import type { AppEnv } from '../deps';
import { parseJsonBody } from '../http/validate';

/** Personal API tokens: `/api/user/tokens`, for people signed in by session: a token manages no tokens. */
export const tokenRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    const { user } = authorize(c.get('caller'), ACCESS.session);
    const input = await parseJsonBody(c, ZCreateTokenInput);
    return c.json(await createApiToken(c.get('deps'), { userId: user.id, ...input }), 201);
  })
  .get('/', async (c) => c.json(await findApiTokens(c.get('deps'), authorize(c.get('caller'), ACCESS.session).user.id)))
  .delete('/:id', async (c) => {
    const { user } = authorize(c.get('caller'), ACCESS.session);
    const raw = c.req.param('id');
    const id = /^\d{1,10}$/.test(raw) ? ZId.safeParse(Number(raw)) : null;
    if (!id?.success) throw ERRORS.invalidTokenId();
    await revokeApiToken(c.get('deps'), user.id, id.data);
    return c.body(null, 204);
  });
