import type { Kysely } from 'kysely';
import type { BudgetLedger, IdempotencyStore } from '@glassbox/core/guards';
import { MemoryBudgetLedger, MemoryIdempotencyStore } from '@glassbox/core/guards';
import { SqlBudgetLedger } from './sql-budget-ledger.js';
import { SqlIdempotencyStore } from './sql-idempotency-store.js';

/** Runtime-guard state behind core's ports: budgets and idempotency keys. */
export interface GuardStores {
  readonly ledger: BudgetLedger;
  readonly idempotency: IdempotencyStore;
}

/** Over the Glassbox database: shared by every gateway replica on it. */
export function sqlGuardStores(db: Kysely<unknown>): GuardStores {
  return { ledger: new SqlBudgetLedger(db), idempotency: new SqlIdempotencyStore(db) };
}

/** In memory: one process. */
export function memoryGuardStores(): GuardStores {
  return { ledger: new MemoryBudgetLedger(), idempotency: new MemoryIdempotencyStore() };
}
