import type {
  DetectionTransaction,
  DetectionTransactions,
} from '../ports/detection-transactions.js';
import type { MemoryAlertStore } from './memory-alert-store.js';
import type { MemoryMonitorStore } from './memory-monitor-store.js';
import { snapshot } from './memory-rows.js';
import { SerialQueue } from './serial-queue.js';

/**
 * Detection's unit of work in memory: transactions run one at a time over the monitor and
 * alert stores, and one that throws puts their tables back as they were when it began.
 *
 * @example
 * const transactions = new MemoryDetectionTransactions(monitors, alerts);
 */
export class MemoryDetectionTransactions implements DetectionTransactions {
  private readonly queue = new SerialQueue();

  constructor(
    private readonly monitors: MemoryMonitorStore,
    private readonly alerts: MemoryAlertStore,
  ) {}

  transaction<T>(work: (tx: DetectionTransaction) => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      const restore = snapshot([this.monitors.rows, this.alerts.alerts, this.alerts.incidents]);
      try {
        return await work({ monitors: this.monitors, alerts: this.alerts });
      } catch (error) {
        restore();
        throw error;
      }
    });
  }
}
