import { authenticateApiToken, authenticateSession, ERRORS, type AppError, type TTokenScope } from '@mediashare/core';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../deps';
import { readSessionId } from './session-cookie';

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]+)$/;

/**
 * Who is calling: an `Authorization: Bearer` API token when the header is there (then cookies are
 * ignored altogether), the session cookie otherwise. A header that is present but malformed, or names a
 * token that is unknown, revoked or expired, is an error rather than an anonymous request.
 */
export const resolveCaller = async (c: Context<AppEnv>): Promise<AppError | null> => {
  const deps = c.get('deps');
  const header = c.req.header('authorization');
  if (header !== undefined) {
    const token = BEARER.exec(header)?.[1];
    if (!token) return ERRORS.malformedAuthorization();
    const found = await authenticateApiToken(deps, token);
    if (!found) return ERRORS.invalidApiToken();
    c.set('user', found.user);
    c.set('tokenScopes', found.scopes);
    return null;
  }
  const sessionId = readSessionId(c);
  c.set('sessionId', sessionId);
  c.set('user', sessionId ? await authenticateSession(deps, sessionId) : null);
  return null;
};

/** REST: resolves the caller once per request and refuses a bad bearer header outright. */
export const loadUser = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const problem = await resolveCaller(c);
  if (problem) throw problem;
  return next();
};

export const requireUser = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  if (!c.get('user')) throw ERRORS.authRequired();
  return next();
};

/** The scope a token needs for a request: reading is `read`, anything that changes state is `share`. */
export const scopeFor = (method: string): TTokenScope => (method === 'GET' || method === 'HEAD' ? 'read' : 'share');

export const checkScope = (scopes: TTokenScope[] | undefined, needed: TTokenScope) => {
  if (scopes && !scopes.includes(needed)) throw ERRORS.missingScope({ scope: needed });
};

export const requireScope = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  checkScope(c.get('tokenScopes'), scopeFor(c.req.method));
  return next();
};

/** Token management needs the person, signed in: a token must not mint or revoke tokens. */
export const requireSession = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  if (c.get('tokenScopes')) throw ERRORS.sessionOnly();
  return next();
};
