import type { MonitorProgress } from '@glassbox/core/detect';
import type { MonitorStore, StoredMonitor } from '../ports/monitor-store.js';
import { copy, rowKey } from './memory-rows.js';

/**
 * Monitors in memory; a supported test double. A write replaces a monitor's entry, never
 * changes it in place (see snapshot).
 *
 * @example
 * await new MemoryMonitorStore().listMonitors('default');
 */
export class MemoryMonitorStore implements MonitorStore {
  /** By rowKey(project, monitor id). */
  readonly rows = new Map<string, StoredMonitor>();

  async listMonitors(projectId: string): Promise<StoredMonitor[]> {
    return [...this.rows.values()]
      .filter((m) => m.projectId === projectId)
      .sort((a, b) => (a.definition.id < b.definition.id ? -1 : 1))
      .map(copy);
  }

  async getMonitor(projectId: string, id: string): Promise<StoredMonitor | undefined> {
    const m = this.rows.get(rowKey(projectId, id));
    return m && copy(m);
  }

  async putMonitor(m: Omit<StoredMonitor, 'progress'>): Promise<void> {
    this.rows.set(rowKey(m.projectId, m.definition.id), { ...copy(m), progress: null });
  }

  async saveMonitorProgress(
    projectId: string,
    id: string,
    progress: MonitorProgress,
  ): Promise<void> {
    const key = rowKey(projectId, id);
    const m = this.rows.get(key);
    if (m) this.rows.set(key, { ...m, progress: copy(progress) });
  }

  async deleteMonitor(projectId: string, id: string): Promise<boolean> {
    return this.rows.delete(rowKey(projectId, id));
  }
}
