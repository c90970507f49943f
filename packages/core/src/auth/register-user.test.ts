import { describe, expect, it } from 'vitest';
import { createTestDeps } from '../testing/test-deps';
import { registerUser } from './register-user';

describe('registerUser', () => {
  // A cost scrypt refuses: reaching the hash shows as that error instead of the 409.
  const unhashable = { scryptCost: 3 };
  const input = { email: 'a@example.test', username: 'alice', password: 'long enough password', ip: '203.0.113.1' };

  it.each([
    ['email', { ...input, email: 'A@Example.test', username: 'someone' }, 'emailTaken'],
    ['username', { ...input, email: 'b@example.test', username: 'ALICE' }, 'usernameTaken'],
  ])('answers a taken %s with 409 before any hashing', async (_field, attempt, code) => {
    const { deps, memory } = createTestDeps({ config: unhashable });
    memory.state.users.push({
      id: 1,
      email: input.email,
      username: input.username,
      passwordHash: 'x',
      role: 'user',
      communityBannedAt: null,
      showMature: false,
      createdAt: new Date(),
    });
    await expect(registerUser(deps, attempt)).rejects.toMatchObject({ code, status: 409 });
  });

  it('refuses every registration with 403 when registration is closed, before any hashing', async () => {
    const { deps, memory } = createTestDeps({ config: { ...unhashable, registration: 'closed' } });
    await expect(registerUser(deps, input)).rejects.toMatchObject({ status: 403, message: 'Registration is closed' });
    expect(memory.state.users).toEqual([]);
  });

  it.each([undefined, '', 'not-an-invite'])(
    'asks for a usable invite when registration is by invite (%s)',
    async (inviteCode) => {
      const { deps, memory } = createTestDeps({ config: { ...unhashable, registration: 'invite' } });
      await expect(registerUser(deps, { ...input, inviteCode })).rejects.toMatchObject({
        status: 400,
        message: 'This invite is invalid or has been used',
      });
      expect(memory.state.users).toEqual([]);
    },
  );
});
