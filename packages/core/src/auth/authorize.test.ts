import { describe, expect, it } from 'vitest';
import { ERRORS, type AppError } from '../errors';
import type { UserRecord } from '../ports/records';
import { ACCESS, authorize, type Access, type Caller } from './authorize';
import { identifyService } from './identify-caller';

const user = (role: UserRecord['role'] = 'user'): UserRecord => ({
  id: role === 'admin' ? 1 : 2,
  email: `${role}@example.test`,
  username: role,
  passwordHash: 'x',
  role,
  communityBannedAt: null,
  showMature: false,
  createdAt: new Date(0),
});

const callers: Record<string, Caller> = {
  anonymous: { kind: 'anonymous' },
  session: { kind: 'session', user: user() },
  admin: { kind: 'session', user: user('admin') },
  reader: { kind: 'token', user: user(), scopes: ['read'] },
  sharer: { kind: 'token', user: user(), scopes: ['share'] },
  adminToken: { kind: 'token', user: user('admin'), scopes: ['read', 'share'] },
  service: { kind: 'service' },
  refused: { kind: 'refused', error: ERRORS.invalidApiToken() },
};

/** What authorize answers: the user it grants, or the refusal's status and message. */
const outcome = (caller: Caller, access: Access) => {
  try {
    const { user } = authorize(caller, access);
    return user ? `user ${user.username}` : 'nobody';
  } catch (error) {
    return `${(error as AppError).status} ${(error as AppError).message}`;
  }
};

const notFound = '404 Not found';
const authRequired = '401 Authentication required';
const badToken = '401 Invalid, revoked or expired API token';

describe('authorize', () => {
  it.each([
    ['public', ACCESS.public, ['nobody', 'user user', 'user admin', 'user user', 'user user', 'user admin', 'nobody', badToken]],
    [
      'signed in, read',
      ACCESS.signedIn('read'),
      [
        authRequired,
        'user user',
        'user admin',
        'user user',
        '403 This API token lacks the "read" scope',
        'user admin',
        authRequired,
        badToken,
      ],
    ],
    [
      'signed in, share',
      ACCESS.signedIn('share'),
      [
        authRequired,
        'user user',
        'user admin',
        '403 This API token lacks the "share" scope',
        'user user',
        'user admin',
        authRequired,
        badToken,
      ],
    ],
    [
      'session only',
      ACCESS.session,
      [
        authRequired,
        'user user',
        'user admin',
        '403 API tokens cannot manage API tokens; sign in instead',
        '403 API tokens cannot manage API tokens; sign in instead',
        '403 API tokens cannot manage API tokens; sign in instead',
        authRequired,
        badToken,
      ],
    ],
    // Admin and internal operations are invisible: the same 404 as a missing route, never 401 or 403.
    ['admin', ACCESS.admin, [notFound, notFound, 'user admin', notFound, notFound, notFound, notFound, notFound]],
    ['service', ACCESS.service, [notFound, notFound, notFound, notFound, notFound, notFound, 'nobody', notFound]],
  ] as const)('%s', (_name, access, expected) => {
    expect(Object.values(callers).map((caller) => outcome(caller, access))).toEqual(expected);
  });

  it('answers an outage of the session store on admin operations as everywhere, and bad credentials with 404', () => {
    const outage = ERRORS.databaseUnavailable();
    expect(() => authorize({ kind: 'refused', error: outage }, ACCESS.admin)).toThrow(outage);
    expect(() => authorize({ kind: 'refused', error: ERRORS.invalidApiToken() }, ACCESS.admin)).toThrow(
      expect.objectContaining({ code: ERRORS.routeNotFound.code }),
    );
  });

  it('refuses admin and service callers with the catalog error for a route that does not exist', () => {
    expect(() => authorize(callers.session!, ACCESS.admin)).toThrow(expect.objectContaining({ code: ERRORS.routeNotFound.code }));
    expect(() => authorize(callers.anonymous!, ACCESS.service)).toThrow(
      expect.objectContaining({ code: ERRORS.routeNotFound.code }),
    );
  });
});

describe('authorize, while the session store is down', () => {
  it('answers an admin operation with the outage, as every other operation does, not with 404', () => {
    const outage = ERRORS.databaseUnavailable();
    expect(() => authorize({ kind: 'refused', error: outage }, ACCESS.admin)).toThrow(outage);
    expect(() => authorize({ kind: 'refused', error: ERRORS.invalidApiToken() }, ACCESS.admin)).toThrow('Not found');
  });
});

describe('identifyService', () => {
  const secret = 'internal-token-0123456789abcdef0123456789';
  it.each([
    [`Bearer ${secret}`, 'service'],
    [`Bearer ${secret}x`, 'anonymous'],
    [`Bearer ${secret.slice(1)}`, 'anonymous'],
    [secret, 'anonymous'],
    [undefined, 'anonymous'],
  ])('takes %j as %s', (header, kind) => {
    expect(identifyService(secret, header).kind).toBe(kind);
  });

  it('knows no service without a configured token', () => {
    expect(identifyService(undefined, 'Bearer ').kind).toBe('anonymous');
    expect(identifyService(undefined, `Bearer ${secret}`).kind).toBe('anonymous');
  });
});
