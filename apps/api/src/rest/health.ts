import { Hono } from 'hono';
import type { AppEnv } from '../deps';

/** Liveness for load balancers and scripts: the process answers and its database does. */
export const healthRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const { db } = c.get('deps');
  try {
    await db.tags.findActive();
    return c.json({ status: 'ok' });
  } catch {
    return c.json({ status: 'unavailable' }, 503);
  }
});
