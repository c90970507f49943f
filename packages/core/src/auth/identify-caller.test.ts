import { describe, expect, it } from 'vitest';
import { createTestDeps } from '../testing/test-deps';
import { createApiToken } from '../tokens/create-api-token';
import { identifyCaller } from './identify-caller';
import { startSession } from './start-session';
import { hashSessionToken } from './session-token';

const arrange = async () => {
  const t = createTestDeps();
  const created = await t.deps.db.users.create({ email: 'ada@example.test', username: 'ada', passwordHash: 'x' });
  if (!created.ok) throw new Error('no user');
  const session = await startSession(t.deps, created.user.id);
  const { token } = await createApiToken(t.deps, { userId: created.user.id, name: 'reader', scopes: ['read'] });
  return { ...t, user: created.user, sessionId: hashSessionToken(session.token), token };
};

describe('identifyCaller', () => {
  it('knows nobody without credentials', async () => {
    const t = await arrange();
    expect(await identifyCaller(t.deps, {})).toEqual({ kind: 'anonymous' });
    expect(await identifyCaller(t.deps, { sessionId: hashSessionToken('not-a-session') })).toEqual({ kind: 'anonymous' });
  });

  it('finds the user of a live session', async () => {
    const t = await arrange();
    expect(await identifyCaller(t.deps, { sessionId: t.sessionId })).toMatchObject({ kind: 'session', user: { id: t.user.id } });
    t.advance(2 * 3_600_000);
    expect(await identifyCaller(t.deps, { sessionId: t.sessionId })).toEqual({ kind: 'anonymous' });
  });

  it('takes a bearer token with its scopes, ignoring the session beside it', async () => {
    const t = await arrange();
    expect(await identifyCaller(t.deps, { authorization: `Bearer ${t.token}`, sessionId: t.sessionId })).toMatchObject({
      kind: 'token',
      user: { id: t.user.id },
      scopes: ['read'],
    });
  });

  it.each([
    ['a malformed header', 'Bearer', 'malformedAuthorization'],
    ['another scheme', 'Basic dXNlcjpwYXNz', 'malformedAuthorization'],
    ['an unknown token', `Bearer msk_${'A'.repeat(43)}`, 'invalidApiToken'],
    ['something not a token', 'Bearer nonsense', 'invalidApiToken'],
  ])('refuses %s, even with a session beside it', async (_what, authorization, code) => {
    const t = await arrange();
    const caller = await identifyCaller(t.deps, { authorization, sessionId: t.sessionId });
    expect(caller).toMatchObject({ kind: 'refused', error: { code, status: 401 } });
  });
});
