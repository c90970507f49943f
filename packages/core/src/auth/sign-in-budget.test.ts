import { describe, expect, it } from 'vitest';
import { createTestDeps } from '../testing/test-deps';
import { loginUser } from './login-user';
import { hashPassword } from './password';
import { addressKey } from './sign-in-budget';

describe('addressKey', () => {
  it.each([
    ['203.0.113.7', 'ip:203.0.113.7'],
    ['::ffff:203.0.113.7', 'ip:203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', 'ip6:2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002::9', 'ip6:2001:db8:1:2::/64'],
    ['2001:db8::1', 'ip6:2001:db8:0:0::/64'],
    ['::1', 'ip6:0:0:0:0::/64'],
    ['unknown', 'ip:unknown'],
  ])('keys %s as %s', (ip, key) => expect(addressKey(ip)).toBe(key));
});

describe('loginUser', () => {
  it('never checks a password once the account has spent its attempts, whichever name is typed', async () => {
    const { deps, memory } = createTestDeps();
    const user = {
      id: 1,
      email: 'a@example.test',
      username: 'alice',
      passwordHash: await hashPassword('right password', 1024),
      role: 'user' as const,
      communityBannedAt: null,
      showMature: false,
      createdAt: new Date(),
    };
    memory.state.users.push(user);
    const attempt = (email: string, password = 'guess') => loginUser(deps, { email, password, ip: '203.0.113.1' });
    // The test budget is three attempts per account.
    for (const name of ['a@example.test', 'ALICE', 'alice']) await expect(attempt(name)).rejects.toMatchObject({ status: 401 });
    // A stored hash whose check throws: reaching the check would show as that error instead of a 429.
    user.passwordHash = 'scrypt$3$8$1$c2FsdA$aGFzaA';
    for (const name of ['a@example.test', 'Alice']) {
      await expect(attempt(name, 'right password')).rejects.toMatchObject({ code: 'loginLocked', status: 429 });
    }
  });

  it('gives back the attempt of a check that failed to run', async () => {
    const { deps, memory } = createTestDeps();
    memory.state.users.push({
      id: 1,
      email: 'a@example.test',
      username: 'alice',
      passwordHash: 'scrypt$3$8$1$c2FsdA$aGFzaA',
      role: 'user',
      communityBannedAt: null,
      showMature: false,
      createdAt: new Date(),
    });
    await expect(loginUser(deps, { email: 'alice', password: 'guess', ip: '203.0.113.1' })).rejects.toThrow(/scrypt/i);
    expect(memory.state.throttle.get('user:1')?.attempts).toBe(0);
    expect(memory.state.throttle.get('ip:203.0.113.1')?.attempts).toBe(0);
  });
});
