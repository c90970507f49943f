import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { sweepStorage } from '../maintenance';
import { createTestDeps } from '../testing/test-deps';
import { spendBudget } from './spend-budget';

// TEST_CONFIG: uploads allow 3 per account and 5 per address a minute; registrations 2 per address an hour.
describe('spendBudget', () => {
  it('counts per account and per address and reports the tightest of the two', async () => {
    const { deps } = createTestDeps();
    expect(await spendBudget(deps, { budget: 'uploads', userId: 1, address: '198.51.100.1' })).toEqual({
      limit: 3,
      remaining: 2,
      resetSeconds: 60,
      windowSeconds: 60,
    });
    await spendBudget(deps, { budget: 'uploads', userId: 2, address: '198.51.100.1' });
    await spendBudget(deps, { budget: 'uploads', userId: 3, address: '198.51.100.1' });
    // Account 4 has all 3 left; the address has 5 - 4 = 1.
    expect(await spendBudget(deps, { budget: 'uploads', userId: 4, address: '198.51.100.1' })).toMatchObject({
      limit: 5,
      remaining: 1,
    });
  });

  it('refuses with 429 once a scope is spent, naming the budget, and says when to come back', async () => {
    const { deps, advance } = createTestDeps();
    for (let i = 0; i < 3; i++) await spendBudget(deps, { budget: 'uploads', userId: 1, address: `198.51.100.${i}` });
    advance(20_000);
    const refused = await spendBudget(deps, { budget: 'uploads', userId: 1, address: '198.51.100.9' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({
      status: 429,
      code: 'rateLimited',
      message: 'Too many uploads from this account; try again in 40 s',
      headers: {
        'Retry-After': '40',
        'RateLimit-Limit': '3',
        'RateLimit-Remaining': '0',
        'RateLimit-Reset': '40',
        'RateLimit-Policy': '3;w=60',
      },
    });
  });

  it('gives back what it took from the account when the address refuses', async () => {
    const { deps, memory } = createTestDeps();
    for (let i = 0; i < 5; i++) await spendBudget(deps, { budget: 'uploads', userId: 10 + i, address: '203.0.113.5' });
    await expect(spendBudget(deps, { budget: 'uploads', userId: 1, address: '203.0.113.5' })).rejects.toMatchObject({
      message: 'Too many uploads from this address; try again in 60 s',
    });
    expect(memory.state.rateLimits.find((r) => r.key === 'uploads:account:1')).toBeUndefined();
  });

  it('counts anonymous callers by address only', async () => {
    const { deps } = createTestDeps();
    await spendBudget(deps, { budget: 'registrations', address: '192.0.2.1' });
    await spendBudget(deps, { budget: 'registrations', userId: null, address: '192.0.2.1' });
    await expect(spendBudget(deps, { budget: 'registrations', address: '192.0.2.1' })).rejects.toMatchObject({ status: 429 });
    expect(await spendBudget(deps, { budget: 'registrations', address: '192.0.2.2' })).toMatchObject({ remaining: 1 });
  });

  it('starts afresh when the window has ended, and the sweep removes ended windows', async () => {
    const { deps, memory, advance } = createTestDeps();
    for (let i = 0; i < 3; i++) await spendBudget(deps, { budget: 'shares', userId: 1, address: '192.0.2.1' });
    await expect(spendBudget(deps, { budget: 'shares', userId: 1, address: '192.0.2.1' })).rejects.toMatchObject({ status: 429 });
    advance(60_000);
    expect(await spendBudget(deps, { budget: 'shares', userId: 1, address: '192.0.2.1' })).toMatchObject({
      remaining: 2,
      resetSeconds: 60,
    });
    await spendBudget(deps, { budget: 'tokens', userId: 2, address: '192.0.2.1' });
    advance(60_000);
    await sweepStorage(deps, { graceMs: 0 });
    expect(memory.state.rateLimits).toEqual([]);
  });

  it('counts nothing when limits are off or the budget has no scope for the caller', async () => {
    const off = createTestDeps({
      config: { rateLimits: { enabled: false, budgets: createTestDeps().deps.config.rateLimits.budgets } },
    });
    for (let i = 0; i < 10; i++) expect(await spendBudget(off.deps, { budget: 'uploads', userId: 1, address: 'a' })).toBeNull();
    expect(off.memory.state.rateLimits).toEqual([]);
    const { deps, memory } = createTestDeps();
    // tokens has no address scope; an anonymous caller of it is counted nowhere.
    expect(await spendBudget(deps, { budget: 'tokens', address: '192.0.2.1' })).toBeNull();
    expect(memory.state.rateLimits).toEqual([]);
  });
});
