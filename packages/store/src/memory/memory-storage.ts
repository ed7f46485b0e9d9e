import { MemoryBudgetLedger, MemoryIdempotencyStore } from '@glassbox/core/guards';
import { detectionStore } from '../detection-store.js';
import type { Storage } from '../storage.js';
import { traceStore } from '../traces/trace-store.js';
import { MemoryArtifactStore } from './memory-artifact-store.js';
import { MemoryAuditLog } from './memory-audit-log.js';
import { MemoryDataMaintenance } from './memory-data-maintenance.js';
import { MemoryAlertStore } from './memory-alert-store.js';
import { MemoryChangedTraces } from './memory-changed-traces.js';
import { MemoryIncidentWorkspaceStore } from './memory-incident-workspace-store.js';
import { MemoryDetectionTransactions } from './memory-detection-transactions.js';
import { MemoryLeaseStore } from './memory-lease-store.js';
import { MemoryMonitorStore } from './memory-monitor-store.js';
import { MemoryObservationStore } from './memory-observation-store.js';
import { MemoryProjectStore } from './memory-project-store.js';
import { MemoryReplayRunStore } from './memory-replay-run-store.js';
import { MemoryTraceQueries } from './memory-trace-queries.js';
import { MemoryTraceTables } from './memory-trace-tables.js';
import { MemoryTraceWrites } from './memory-trace-writes.js';
import { createMemoryEvalStores } from './memory-eval-stores.js';

/**
 * A Storage held in memory: the supported test double for every package's tests.
 *
 * @example
 * const storage = createMemoryStorage();
 * await storage.traces.writeSpans(spans);
 */
export function createMemoryStorage(): Storage {
  const tables = new MemoryTraceTables();
  const changes = new MemoryChangedTraces();
  const monitors = new MemoryMonitorStore();
  const alerts = new MemoryAlertStore();
  const observations = new MemoryObservationStore();
  const replays = new MemoryReplayRunStore();
  const evals = createMemoryEvalStores();
  return {
    backend: 'memory',
    traces: traceStore(new MemoryTraceQueries(tables), new MemoryTraceWrites(tables, changes)),
    projects: new MemoryProjectStore(),
    detection: detectionStore({
      changes,
      observations,
      monitors,
      alerts,
      leases: new MemoryLeaseStore(),
      transactions: new MemoryDetectionTransactions(monitors, alerts),
    }),
    guards: { ledger: new MemoryBudgetLedger(), idempotency: new MemoryIdempotencyStore() },
    replays,
    artifacts: new MemoryArtifactStore(),
    evals,
    incidents: new MemoryIncidentWorkspaceStore(),
    audit: new MemoryAuditLog(),
    maintenance: new MemoryDataMaintenance({ tables, changes, observations, replays, evals }),
    close: async () => {},
  };
}
