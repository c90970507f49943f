export {
  BUDGETS,
  BUDGET_SCOPES,
  type TBudget,
  type TBudgetScope,
  type BudgetLimit,
  type BudgetPolicy,
  type RateLimitConfig,
} from './budgets';
export { budgetHeaders, type BudgetState } from './budget-headers';
export { spendBudget, type SpendOptions } from './spend-budget';
export { addressKey } from './address-key';
