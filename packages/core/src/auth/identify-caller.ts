import { timingSafeEqual } from 'node:crypto';
import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import { isOutage, toAppError } from '../lib/to-app-error';
import { authenticateApiToken } from '../tokens/authenticate-api-token';
import type { Caller } from './authorize';
import { authenticateSession } from './authenticate-session';

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]+)$/;
const ANONYMOUS: Caller = { kind: 'anonymous' };

export interface Credentials {
  /** The Authorization header, as sent. */
  authorization?: string | undefined;
  /** The stored id of the session the request's cookie names, if it named one. */
  sessionId?: string | undefined;
}

/**
 * Who the credentials name: an API token when an Authorization header is there (cookies then count for
 * nothing), the session otherwise. A header that is there but malformed, or names a token that is
 * unknown, revoked or expired, is a refused caller rather than an anonymous one.
 */
export const identifyCaller = async (
  deps: Pick<CoreDeps, 'db' | 'config' | 'now'>,
  credentials: Credentials,
): Promise<Caller> => {
  try {
    return await identify(deps, credentials);
  } catch (error) {
    // The session store did not answer: whoever calls hears the outage (503, Retry-After), in the error
    // format of their transport, from the policy, like any other refusal of their credentials.
    if (isOutage(error)) return { kind: 'refused', error: toAppError(error) };
    throw error;
  }
};

const identify = async (
  deps: Pick<CoreDeps, 'db' | 'config' | 'now'>,
  { authorization, sessionId }: Credentials,
): Promise<Caller> => {
  if (authorization !== undefined) {
    const token = BEARER.exec(authorization)?.[1];
    if (!token) return { kind: 'refused', error: ERRORS.malformedAuthorization() };
    const found = await authenticateApiToken(deps, token);
    if (!found) return { kind: 'refused', error: ERRORS.invalidApiToken() };
    return { kind: 'token', user: found.user, scopes: found.scopes };
  }
  const user = sessionId ? await authenticateSession(deps, sessionId) : null;
  return user ? { kind: 'session', user } : ANONYMOUS;
};

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** An internal app sends INTERNAL_API_TOKEN as a bearer token; without one configured there is none. */
export const identifyService = (serviceToken: string | undefined, authorization: string | undefined): Caller => {
  const given = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
  return serviceToken && given && sameSecret(given, serviceToken) ? { kind: 'service' } : ANONYMOUS;
};
