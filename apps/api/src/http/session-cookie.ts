import { hashSessionToken, isWellFormedToken } from '@mediashare/core';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../deps';

const isHttps = (c: Context<AppEnv>) =>
  c.get('deps').env.PUBLIC_URL.startsWith('https:') || new URL(c.req.url).protocol === 'https:';

/** The stored id (a hash) of the session the request's cookie names, if the cookie is well formed. */
export const readSessionId = (c: Context<AppEnv>): string | undefined => {
  const token = getCookie(c, c.get('deps').env.SESSION_COOKIE_NAME);
  return token && isWellFormedToken(token) ? hashSessionToken(token) : undefined;
};

export const writeSessionCookie = (c: Context<AppEnv>, session: { token: string; expiresAt: Date }) => {
  setCookie(c, c.get('deps').env.SESSION_COOKIE_NAME, session.token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
    path: '/',
    expires: session.expiresAt,
  });
};

export const clearSessionCookie = (c: Context<AppEnv>) => {
  deleteCookie(c, c.get('deps').env.SESSION_COOKIE_NAME, { path: '/', httpOnly: true, sameSite: 'Lax', secure: isHttps(c) });
};
