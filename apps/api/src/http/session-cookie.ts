import { hashSessionToken, isWellFormedToken } from '@mediashare/core';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { serialize } from 'hono/utils/cookie';
import type { AppEnv } from '../deps';

const isHttps = (c: Context<AppEnv>) =>
  c.get('deps').env.PUBLIC_URL.startsWith('https:') || new URL(c.req.url).protocol === 'https:';

/** The stored id (a hash) of the session the request's cookie names, if the cookie is well formed. */
export const readSessionId = (c: Context<AppEnv>): string | undefined => {
  const token = getCookie(c, c.get('deps').env.SESSION_COOKIE_NAME);
  return token && isWellFormedToken(token) ? hashSessionToken(token) : undefined;
};

const cookie = (c: Context<AppEnv>, value: string, expires: Date) =>
  serialize(c.get('deps').env.SESSION_COOKIE_NAME, value, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
    path: '/',
    expires,
  });

/**
 * Set-Cookie values as strings: REST handlers add them to the Hono response, tRPC procedures to the
 * response headers of the fetch adapter, which builds its own Response.
 */
export const sessionCookie = (c: Context<AppEnv>, session: { token: string; expiresAt: Date }) =>
  cookie(c, session.token, session.expiresAt);

export const clearedSessionCookie = (c: Context<AppEnv>) => cookie(c, '', new Date(0));
