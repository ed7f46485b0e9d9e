export { GUARD_ERROR_CODES, GUARD_ERROR_STATUS, GuardError } from './guard-error.js';
export type { GuardErrorCode } from './guard-error.js';
export { BreakerRegistry, CircuitBreaker, DEFAULT_BREAKER_OPTIONS } from './circuit-breaker.js';
export type { BreakerAdmission, BreakerState, CircuitBreakerOptions } from './circuit-breaker.js';
export { DEFAULT_LOOP_GUARD_OPTIONS, LoopGuard, callSignature } from './loop-guard.js';
export type { LoopDecision, LoopGuardOptions } from './loop-guard.js';
export { classifyHttpFailure, failurePolicy, retryAfterMs } from './failure-class.js';
export type { FailureClass, FailurePolicy, UpstreamError } from './failure-class.js';
export {
  MemoryBudgetLedger,
  budgetBucket,
  budgetExceededError,
  fitsBudget,
} from './budget-ledger.js';
export type {
  BudgetBucket,
  BudgetLedger,
  BudgetLimit,
  BudgetPeriod,
  BudgetScope,
  ReserveResult,
  Spend,
} from './budget-ledger.js';
export { DEFAULT_BUDGET_LEASE_OPTIONS, LeasedBudgetLedger } from './leased-budget-ledger.js';
export type { BudgetLeaseOptions } from './leased-budget-ledger.js';
export { DEFAULT_IDEMPOTENCY_TTL_MS, MemoryIdempotencyStore } from './idempotency-store.js';
export type { IdempotencyBegin, IdempotencyStore } from './idempotency-store.js';
export { assertContextBudget, measureContextBudget } from './context-budget.js';
export type { ContextBudgetInput, ContextBudgetReport, PromptPart } from './context-budget.js';
export { canonicalRequest, tenantPartition } from './request-key.js';
export type { CacheTenant } from './request-key.js';
export { ExactCache } from './exact-cache.js';
export type { ExactCacheOptions } from './exact-cache.js';
export { SemanticCache } from './semantic-cache.js';
export type { SemanticCacheOptions, SemanticHit } from './semantic-cache.js';
export { GUARD_EVENT, guardEventAttributes } from './guard-event.js';
export type { GuardDecision, GuardName } from './guard-event.js';
export { FallbackPlanner } from './fallback-planner.js';
export type {
  AttemptFailure,
  ChainLink,
  FallbackPlannerOptions,
  NextStep,
} from './fallback-planner.js';
