/**
 * What a route can spend. Each budget is counted per account and per client address, in the database,
 * so every API process draws on the same count. A route declares the one it spends (`budget: 'uploads'`
 * in defineRoute, `.meta({ budget: 'uploads' })` on a tRPC procedure).
 */
export const BUDGETS = ['uploads', 'shares', 'tokens', 'registrations', 'unlocks', 'reports'] as const;
export type TBudget = (typeof BUDGETS)[number];

export const BUDGET_SCOPES = ['account', 'address'] as const;
export type TBudgetScope = (typeof BUDGET_SCOPES)[number];

/** At most `limit` requests in a window of `windowMs`, the window starting at the first of them. */
export interface BudgetLimit {
  limit: number;
  windowMs: number;
}

/** A budget's limit for each scope it is counted in; a scope left out is not counted. */
export type BudgetPolicy = Partial<Record<TBudgetScope, BudgetLimit>>;

export interface RateLimitConfig {
  enabled: boolean;
  budgets: Record<TBudget, BudgetPolicy>;
}
