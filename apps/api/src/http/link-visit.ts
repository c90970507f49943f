import { unlockCookieName, type LinkVisit } from '@mediashare/core';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { serialize } from 'hono/utils/cookie';
import type { AppDeps, AppEnv } from '../deps';
import { clientIp } from './client-ip';

/** Who opens a share link, for its rules and its view count; core keeps only a keyed hash of it. */
export const linkVisitOf = (c: Context<AppEnv>, userId: number | null | undefined, shareCode: string): LinkVisit => ({
  userId: userId ?? null,
  address: clientIp(c),
  userAgent: c.req.header('user-agent'),
  unlockToken: getCookie(c, unlockCookieName(shareCode)),
});

const UNLOCK_DAYS = 30;

/**
 * The cookie an unlock sets: named after the link, so it opens that link only (its value is derived
 * from the link's code and password hash, so it also dies when the password changes). Path `/` so both
 * the REST routes and tRPC see it; HttpOnly and SameSite=Lax like the session cookie.
 */
export const unlockCookie = (c: Context<AppEnv>, deps: AppDeps, shareCode: string, token: string) =>
  serialize(unlockCookieName(shareCode), token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: deps.env.PUBLIC_URL.startsWith('https:') || new URL(c.req.url).protocol === 'https:',
    path: '/',
    maxAge: UNLOCK_DAYS * 24 * 3600,
  });
