import { AppError, findCommunityFeed, getCommunityItem, ZCommunityFeedInput, ZId } from '@mediashare/core';
import { Hono } from 'hono';
import type { AppEnv } from '../deps';
import { parseInput } from '../http/validate';

/**
 * The public Community feed. Query: `cursor`, `limit`, `tags` (comma-separated or repeated; an item
 * must carry all of them) and `origin` (`uploaded` or `generated`).
 */
export const communityRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const { cursor, limit, origin } = c.req.query();
    const tags = (c.req.queries('tags') ?? [])
      .flatMap((t) => t.split(','))
      .map((t) => t.trim())
      .filter(Boolean);
    const input = parseInput(ZCommunityFeedInput, {
      cursor,
      limit: limit === undefined ? undefined : Number(limit),
      tags,
      origin,
    });
    return c.json(await findCommunityFeed(c.get('deps'), input));
  })
  .get('/:id', async (c) => {
    const raw = c.req.param('id');
    const id = /^\d{1,10}$/.test(raw) ? ZId.safeParse(Number(raw)) : null;
    if (!id?.success) throw new AppError('BAD_REQUEST', 'Invalid community item ID');
    return c.json(await getCommunityItem(c.get('deps'), id.data));
  });
