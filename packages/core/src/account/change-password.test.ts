import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../auth/password';
import { startSession } from '../auth/start-session';
import { hashSessionToken } from '../auth/session-token';
import { createTestDeps } from '../testing/test-deps';
import { changePassword } from './change-password';

const arrange = async () => {
  const t = createTestDeps();
  const created = await t.deps.db.users.create({
    email: 'ada@example.test',
    username: 'ada',
    passwordHash: await hashPassword('old password', 1024),
  });
  if (!created.ok) throw new Error('no user');
  const here = hashSessionToken((await startSession(t.deps, created.user.id)).token);
  await startSession(t.deps, created.user.id);
  await startSession(t.deps, created.user.id);
  return { ...t, userId: created.user.id, here };
};

const change = (t: Awaited<ReturnType<typeof arrange>>, currentPassword: string, ip = '192.0.2.1') =>
  changePassword(t.deps, { userId: t.userId, sessionId: t.here, currentPassword, newPassword: 'new password', ip });

describe('changePassword', () => {
  it('sets the new password and ends every session but the caller’s', async () => {
    const t = await arrange();
    await change(t, 'old password');
    const user = t.memory.state.users[0]!;
    expect(await verifyPassword('new password', user.passwordHash)).toBe(true);
    expect(t.memory.state.sessions.map((s) => s.id)).toEqual([t.here]);
  });

  it('refuses a wrong current password, changing nothing, and counts it against the account and the address', async () => {
    const t = await arrange();
    const before = t.memory.state.users[0]!.passwordHash;
    await expect(change(t, 'wrong')).rejects.toMatchObject({ status: 400, message: 'Current password is incorrect' });
    expect(t.memory.state.users[0]!.passwordHash).toBe(before);
    expect(t.memory.state.sessions).toHaveLength(3);
    expect([...t.memory.state.throttle].map(([key, row]) => [key, row.attempts])).toEqual([
      [`user:${t.userId}`, 1],
      ['ip:192.0.2.1', 1],
    ]);
  });

  it('draws on the sign-in budget: once it is spent even the right password is refused, until the window ends', async () => {
    const t = await arrange();
    // TEST_CONFIG allows three attempts per account in a 60 s window.
    await expect(change(t, 'wrong 1')).rejects.toMatchObject({ status: 400 });
    await expect(change(t, 'wrong 2')).rejects.toMatchObject({ status: 400 });
    await expect(change(t, 'wrong 3')).rejects.toMatchObject({ status: 400 });
    await expect(change(t, 'old password', '198.51.100.7')).rejects.toMatchObject({
      status: 429,
      headers: { 'Retry-After': '60' },
    });
    expect(await verifyPassword('old password', t.memory.state.users[0]!.passwordHash)).toBe(true);
    t.advance(61_000);
    await change(t, 'old password');
  });

  it('gives the attempt back when the current password is right', async () => {
    const t = await arrange();
    await change(t, 'old password');
    expect([...t.memory.state.throttle].map(([key, row]) => [key, row.attempts])).toEqual([
      [`user:${t.userId}`, 0],
      ['ip:192.0.2.1', 0],
    ]);
  });
});
