import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

describe('rate limit settings', () => {
  it('default to a budget per account and per address for each kind of request', () => {
    const env = parseEnv({});
    expect(env.RATE_LIMITS).toBe('on');
    expect(env.BUDGETS.uploads).toEqual({
      account: { limit: 200, windowMs: 3_600_000 },
      address: { limit: 600, windowMs: 3_600_000 },
    });
    expect(env.BUDGETS.registrations).toEqual({ address: { limit: 20, windowMs: 3_600_000 } });
    expect(env.BUDGETS.unlocks).toEqual({ account: { limit: 30, windowMs: 900_000 }, address: { limit: 30, windowMs: 900_000 } });
  });

  it('read `scope:limit/window` pairs in seconds, minutes, hours or days, and `off`', () => {
    const env = parseEnv({ RATE_LIMIT_SHARES: ' address:5/30s , account:1/2d', RATE_LIMIT_TOKENS: 'off', RATE_LIMITS: 'off' });
    expect(env.BUDGETS.shares).toEqual({ address: { limit: 5, windowMs: 30_000 }, account: { limit: 1, windowMs: 172_800_000 } });
    expect(env.BUDGETS.tokens).toEqual({});
    expect(env.RATE_LIMITS).toBe('off');
  });

  it('refuse anything else, naming the setting', () => {
    for (const value of ['account:0/1h', 'account:5', 'account:5/1w', 'user:5/1h', '5/1h', 'account:5/0m', 'account:-1/1h']) {
      expect(() => parseEnv({ RATE_LIMIT_UPLOADS: value }), value).toThrow(/RATE_LIMIT_UPLOADS: expected "account:<n>\/<window>/);
    }
    expect(() => parseEnv({ RATE_LIMITS: 'maybe' })).toThrow(/RATE_LIMITS/);
  });
});
