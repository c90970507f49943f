import { addressKey, budgetHeaders, spendBudget, type TBudget } from '@mediashare/core';
import type { Context } from 'hono';
import type { AppEnv } from '../deps';
import { clientIp } from './client-ip';

/**
 * Spends one request of `budget` for this caller (account and address) and returns the RateLimit-*
 * headers of the answer; throws the catalog's 429 when the budget is spent. REST routes and tRPC
 * procedures both come here, so the two transports draw on one count.
 */
export const spendRequestBudget = async (
  c: Context<AppEnv>,
  budget: TBudget,
  userId: number | null | undefined,
): Promise<Record<string, string>> => {
  const state = await spendBudget(c.get('deps'), { budget, userId, address: addressKey(clientIp(c)) });
  return state ? budgetHeaders(state) : {};
};
