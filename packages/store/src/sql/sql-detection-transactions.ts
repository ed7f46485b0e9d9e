import type { Kysely } from 'kysely';
import type {
  DetectionTransaction,
  DetectionTransactions,
} from '../ports/detection-transactions.js';
import { SqlAlertStore } from './sql-alert-store.js';
import { SqlMonitorStore } from './sql-monitor-store.js';

/**
 * Detection's unit of work in SQL: the monitor and alert stores over one transaction.
 *
 * @example
 * await new SqlDetectionTransactions(db).transaction(({ alerts }) => alerts.putAlerts(opened));
 */
export class SqlDetectionTransactions implements DetectionTransactions {
  constructor(private readonly db: Kysely<unknown>) {}

  transaction<T>(work: (tx: DetectionTransaction) => Promise<T>): Promise<T> {
    return this.db
      .transaction()
      .execute((trx) =>
        work({ monitors: new SqlMonitorStore(trx), alerts: new SqlAlertStore(trx) }),
      );
  }
}
