import type { Kysely } from 'kysely';
import { detectionStore } from '../detection-store.js';
import type { Storage, StorageOptions } from '../storage.js';
import { traceStore } from '../traces/trace-store.js';
import type { GlassboxDatabase } from './database-schema.js';
import { SqlArtifactStore } from './sql-artifact-store.js';
import { SqlAuditLog } from './sql-audit-log.js';
import { SqlDataMaintenance } from './sql-data-maintenance.js';
import { SqlAlertStore } from './sql-alert-store.js';
import { SqlBudgetLedger } from './sql-budget-ledger.js';
import { SqlChangedTraces } from './sql-changed-traces.js';
import { SqlDetectionTransactions } from './sql-detection-transactions.js';
import type { SqlDialectTraits } from './sql-dialect-traits.js';
import { SqlIdempotencyStore } from './sql-idempotency-store.js';
import { SqlIncidentWorkspaceStore } from './sql-incident-workspace-store.js';
import { SqlLeaseStore } from './sql-lease-store.js';
import { SqlMonitorStore } from './sql-monitor-store.js';
import { SqlObservationStore } from './sql-observation-store.js';
import { SqlProjectStore } from './sql-project-store.js';
import { SqlReplayRunStore } from './sql-replay-run-store.js';
import { SqlTraceQueries } from './sql-trace-queries.js';
import { SqlTraceWrites } from './sql-trace-writes.js';
import { sqlEvalStores } from './sql-eval-stores.js';

/**
 * The Storage over a migrated SQL database: every port's SQL adapter on one Kysely instance;
 * closing it closes the database.
 *
 * @example
 * return sqlStorage(db, SQLITE_TRAITS);
 */
export function sqlStorage(
  db: Kysely<GlassboxDatabase>,
  traits: SqlDialectTraits,
  location: StorageOptions,
): Storage {
  const untyped = db as Kysely<unknown>;
  return {
    backend: traits.name,
    traces: traceStore(new SqlTraceQueries(db, traits), new SqlTraceWrites(db, traits)),
    projects: new SqlProjectStore(db),
    detection: detectionStore({
      changes: new SqlChangedTraces(untyped),
      observations: new SqlObservationStore(untyped),
      monitors: new SqlMonitorStore(untyped),
      alerts: new SqlAlertStore(untyped),
      leases: new SqlLeaseStore(untyped),
      transactions: new SqlDetectionTransactions(untyped),
    }),
    guards: { ledger: new SqlBudgetLedger(untyped), idempotency: new SqlIdempotencyStore(untyped) },
    replays: new SqlReplayRunStore(untyped),
    artifacts: new SqlArtifactStore(untyped, traits),
    evals: sqlEvalStores(untyped),
    incidents: new SqlIncidentWorkspaceStore(untyped),
    audit: new SqlAuditLog(db),
    maintenance: new SqlDataMaintenance(db, traits),
    location,
    close: () => db.destroy(),
  };
}
