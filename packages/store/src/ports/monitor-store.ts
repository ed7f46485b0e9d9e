import type { MonitorDefinition, MonitorProgress } from '@glassbox/core/detect';

/** Where a monitor came from: the built-in set, the API, or the monitors YAML file. */
export type MonitorOrigin = 'default' | 'api' | 'file';

export interface StoredMonitor {
  projectId: string;
  definition: MonitorDefinition;
  origin: MonitorOrigin;
  /** Evaluation progress; reset to null whenever the definition changes. */
  progress: MonitorProgress | null;
  updatedAtMs: number;
}

/** Monitors per project, with their evaluation progress. */
export interface MonitorStore {
  listMonitors(projectId: string): Promise<StoredMonitor[]>;
  getMonitor(projectId: string, id: string): Promise<StoredMonitor | undefined>;
  /** Inserts or replaces a monitor's definition and origin, resetting its progress. */
  putMonitor(monitor: Omit<StoredMonitor, 'progress'>): Promise<void>;
  /** Saves evaluation progress; a no-op when the monitor was deleted meanwhile. */
  saveMonitorProgress(projectId: string, id: string, progress: MonitorProgress): Promise<void>;
  deleteMonitor(projectId: string, id: string): Promise<boolean>;
}
