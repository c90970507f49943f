import { ERRORS, type AppError } from '../errors';
import type { UserRecord } from '../ports/records';
import type { TTokenScope } from '../schemas/tokens';

/** Who is calling, as the request's credentials say (see identify-caller.ts). */
export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'session'; user: UserRecord }
  | { kind: 'token'; user: UserRecord; scopes: readonly TTokenScope[] }
  | { kind: 'service' }
  /** Credentials were offered and are no good: a malformed Authorization header, an unknown token. */
  | { kind: 'refused'; error: AppError };

/** What an operation needs of its caller. Every route and procedure declares one. */
export type Access =
  { kind: 'public' } | { kind: 'signedIn'; scope: TTokenScope } | { kind: 'session' } | { kind: 'admin' } | { kind: 'service' };

export const ACCESS = {
  /** Anyone, signed in or not; a token needs no scope for what anonymous callers may see. */
  public: { kind: 'public' },
  /** A person, by session, or by API token carrying `scope` (`read` to look, `share` to change). */
  signedIn: (scope: TTokenScope) => ({ kind: 'signedIn', scope }) as const,
  /** A person by session only: what a token must not do for itself (manage tokens, account settings). */
  session: { kind: 'session' },
  /** A signed-in admin (`users.role = 'admin'`, by session). To anyone else the operation does not exist. */
  admin: { kind: 'admin' },
  /** An internal app holding INTERNAL_API_TOKEN. To anyone else the operation does not exist. */
  service: { kind: 'service' },
} as const;

/** What an authorized operation learns about its caller. */
export type Grant<A extends Access> = A extends { kind: 'public' }
  ? { user: UserRecord | null }
  : A extends { kind: 'service' }
    ? { user: null }
    : { user: UserRecord };

/**
 * The one authorization decision, for every transport: returns the caller's user when `caller` may do
 * what `access` asks, throws the catalog's refusal otherwise. Refusals, in this order:
 * - admin and service operations answer everyone else as a route that does not exist (404), whatever
 *   their credentials, so their existence is never revealed;
 * - bad credentials are 401 everywhere else, public operations included;
 * - nobody signed in is 401, a token without the scope 403, a token where only a session will do 403.
 */
export const authorize = <A extends Access>(caller: Caller, access: A): Grant<A> => grant(caller, access) as Grant<A>;

const grant = (caller: Caller, access: Access): { user: UserRecord | null } => {
  if (access.kind === 'service') {
    if (caller.kind === 'service') return { user: null };
    throw ERRORS.routeNotFound();
  }
  if (access.kind === 'admin') {
    if (caller.kind === 'session' && caller.user.role === 'admin') return { user: caller.user };
    // Nobody could be identified because the session store is down: that outage (503, Retry-After) is
    // what every caller hears, and it says nothing about whether the operation exists.
    if (caller.kind === 'refused' && caller.error.status === 503) throw caller.error;
    throw ERRORS.routeNotFound();
  }
  if (caller.kind === 'refused') throw caller.error;
  const user = caller.kind === 'session' || caller.kind === 'token' ? caller.user : null;
  if (access.kind === 'public') return { user };
  if (!user) throw ERRORS.authRequired();
  if (caller.kind === 'token') {
    if (access.kind === 'session') throw ERRORS.sessionOnly();
    if (!caller.scopes.includes(access.scope)) throw ERRORS.missingScope({ scope: access.scope });
  }
  return { user };
};
