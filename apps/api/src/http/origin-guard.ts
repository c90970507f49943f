import { ERRORS } from '@mediashare/core';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../deps';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses unsafe requests a browser sent from another site, whatever their content type. hono's csrf()
 * lets cross-origin JSON through (it leans on CORS preflight), and a session cookie must not be usable
 * from a foreign page at all. Clients that are not browsers send neither header and pass.
 */
export const originGuard = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  if (SAFE_METHODS.has(c.req.method)) return next();
  // Bearer requests carry their credential explicitly (cookies are then ignored): no ambient authority to
  // forge, and a foreign page cannot set the header without a CORS preflight this server never grants.
  if (c.req.header('authorization') !== undefined) return next();
  const { env } = c.get('deps');
  const origin = c.req.header('origin');
  if (origin !== undefined) {
    const own = new URL(c.req.url).origin;
    const allowed = origin === own || origin === new URL(env.PUBLIC_URL).origin || env.ALLOWED_ORIGINS.includes(origin);
    if (!allowed) throw ERRORS.crossOrigin();
    return next();
  }
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') throw ERRORS.crossOrigin();
  return next();
};
