import { createApiToken, findApiTokens, revokeApiToken, ZCreateTokenInput, ZId, ERRORS } from '@mediashare/core';
import { Hono } from 'hono';
import type { AppEnv } from '../deps';
import { currentUser } from '../http/current-user';
import { parseJsonBody } from '../http/validate';

/** Personal API tokens: `/api/user/tokens`, for signed-in people only (see app.ts). */
export const tokenRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    const user = currentUser(c);
    const input = await parseJsonBody(c, ZCreateTokenInput);
    return c.json(await createApiToken(c.get('deps'), { userId: user.id, ...input }), 201);
  })
  .get('/', async (c) => c.json(await findApiTokens(c.get('deps'), currentUser(c).id)))
  .delete('/:id', async (c) => {
    const user = currentUser(c);
    const raw = c.req.param('id');
    const id = /^\d{1,10}$/.test(raw) ? ZId.safeParse(Number(raw)) : null;
    if (!id?.success) throw ERRORS.invalidTokenId();
    await revokeApiToken(c.get('deps'), user.id, id.data);
    return c.body(null, 204);
  });
