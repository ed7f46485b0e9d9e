import type { BudgetLedger, IdempotencyStore } from '@glassbox/core/guards';

/**
 * Runtime-guard state behind core's ports: budgets and idempotency keys. Over the Glassbox
 * database every gateway replica shares it; in memory it is one process's.
 */
export interface GuardStores {
  readonly ledger: BudgetLedger;
  readonly idempotency: IdempotencyStore;
}
