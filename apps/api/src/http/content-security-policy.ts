import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../deps';
import type { Env } from '../env';

type Directives = Record<string, string[]>;

const serialize = (directives: Directives) =>
  Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');

/** Where community files and share previews come from: this server, or the Supabase project's public URL. */
const mediaOrigins = (env: Env): string[] => {
  const origins = new Set([new URL(env.PUBLIC_URL).origin]);
  const supabase = env.STORAGE_DRIVER === 'supabase' ? (env.SUPABASE_PUBLIC_URL ?? env.SUPABASE_URL) : undefined;
  if (supabase) origins.add(new URL(supabase).origin);
  return [...origins];
};

/**
 * The policy of every HTML page (the SPA and its share and not-found pages, the API docs): scripts and
 * styles only from files of this server, never inline, so an injected tag or attribute runs nothing;
 * images and video from this server and the storage origin; requests only to this server. No page may
 * be framed by another site: embeds elsewhere are oEmbed photo and video answers, which point at the
 * files themselves, not at a page (X-Frame-Options: SAMEORIGIN says the same to older browsers).
 */
export const pagePolicy = (env: Env): string => {
  const media = mediaOrigins(env);
  return serialize({
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', ...media],
    'media-src': ["'self'", ...media],
    'connect-src': ["'self'"],
    'font-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'self'"],
  });
};

/** Anything else (JSON, text) renders nothing and loads nothing, should a browser ever be led to show it. */
export const DATA_POLICY = serialize({ 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] });

/**
 * Sets the policy on every answer that has none of its own (user files carry their own sandbox), by
 * what the answer is: a page, or data.
 */
export const contentSecurityPolicy = (env: Env): MiddlewareHandler<AppEnv> => {
  const page = pagePolicy(env);
  return async (c, next) => {
    await next();
    if (c.res.headers.has('content-security-policy')) return;
    const isHtml = c.res.headers.get('content-type')?.startsWith('text/html') ?? false;
    c.res.headers.set('Content-Security-Policy', isHtml ? page : DATA_POLICY);
  };
};
