import {
  ACCESS,
  authorize,
  ERRORS,
  findCommunityFeed,
  getCommunityItem,
  removeCommunityItem,
  ZCommunityFeedInput,
  ZId,
} from '@mediashare/core';
import { Hono } from 'hono';
import type { AppEnv } from '../deps';
import { parseInput } from '../http/validate';

const parseCommunityId = (raw: string) => {
  const id = /^\d{1,10}$/.test(raw) ? ZId.safeParse(Number(raw)) : null;
  if (!id?.success) throw ERRORS.invalidCommunityId();
  return id.data;
};

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
  .get('/:id', async (c) => c.json(await getCommunityItem(c.get('deps'), parseCommunityId(c.req.param('id')))))
  // The owner takes an item out of the feed (see removeCommunityItem); the feed itself stays public.
  .delete('/:id', async (c) => {
    const { user } = authorize(c.get('caller'), ACCESS.signedIn('share'));
    await removeCommunityItem(c.get('deps'), { userId: user.id, communityMediaId: parseCommunityId(c.req.param('id')) });
    return c.body(null, 204);
  });
