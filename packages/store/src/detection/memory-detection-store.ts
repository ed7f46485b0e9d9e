import {
  isBefore,
  type Alert,
  type Incident,
  type MonitorProgress,
  type Observation,
} from '@glassbox/core/detect';
import type { TraceStore } from '../trace-store.js';
import type {
  AlertQuery,
  DetectionStore,
  IncidentQuery,
  ObservationQuery,
  StoredMonitor,
  TraceRef,
} from './detection-store.js';

const key = (projectId: string, id: string): string => JSON.stringify([projectId, id]);
const copy = <T>(value: T): T => structuredClone(value);

/**
 * DetectionStore in memory, the test double. Where SQL databases queue changed traces with
 * triggers, it wraps the given trace store's `writeSpans` to note each committed write.
 *
 * @example
 * const storage = createMemoryStorage(); // storage.detection is a MemoryDetectionStore
 */
export class MemoryDetectionStore implements DetectionStore {
  private readonly changed = new Map<string, { ref: TraceRef; atMs: number }>();
  private readonly observations = new Map<string, Observation>();
  private readonly monitors = new Map<string, StoredMonitor>();
  private readonly alerts = new Map<string, Alert>();
  private readonly incidents = new Map<string, Incident>();
  private readonly leases = new Map<string, { holder: string; expiresAtMs: number }>();

  constructor(traces: TraceStore) {
    // The memory trace store has no triggers: note each write as it commits instead.
    const write = traces.writeSpans.bind(traces);
    traces.writeSpans = async (spans, ...rest) => {
      await write(spans, ...rest);
      const atMs = Date.now();
      for (const s of spans) {
        this.changed.set(key(s.projectId, s.traceId), {
          ref: { projectId: s.projectId, traceId: s.traceId },
          atMs,
        });
      }
    };
  }

  async claimChangedTraces(options: { limit: number; quietBeforeMs: number }): Promise<TraceRef[]> {
    const ready = [...this.changed.entries()]
      .filter(([, c]) => c.atMs <= options.quietBeforeMs)
      .sort((a, b) => a[1].atMs - b[1].atMs)
      .slice(0, options.limit);
    for (const [k] of ready) this.changed.delete(k);
    return ready.map(([, c]) => c.ref);
  }

  async putObservations(observations: readonly Observation[]): Promise<void> {
    for (const o of observations) this.observations.set(key(o.projectId, o.traceId), copy(o));
  }

  async listObservations(q: ObservationQuery): Promise<Observation[]> {
    const after = q.after;
    return [...this.observations.values()]
      .filter((o) => o.projectId === q.projectId)
      .filter(
        (o) =>
          (q.from === undefined || o.eventMs >= q.from) && (q.to === undefined || o.eventMs < q.to),
      )
      .filter((o) => !after || isBefore(after, { ms: o.eventMs, traceId: o.traceId }))
      .sort(
        (a, b) =>
          a.eventMs - b.eventMs || (a.traceId < b.traceId ? -1 : a.traceId > b.traceId ? 1 : 0),
      )
      .slice(0, q.limit)
      .map(copy);
  }

  async listMonitors(projectId: string): Promise<StoredMonitor[]> {
    return [...this.monitors.values()]
      .filter((m) => m.projectId === projectId)
      .sort((a, b) => (a.definition.id < b.definition.id ? -1 : 1))
      .map(copy);
  }

  async getMonitor(projectId: string, id: string): Promise<StoredMonitor | undefined> {
    const m = this.monitors.get(key(projectId, id));
    return m && copy(m);
  }

  async putMonitor(m: Omit<StoredMonitor, 'progress'>): Promise<void> {
    this.monitors.set(key(m.projectId, m.definition.id), { ...copy(m), progress: null });
  }

  async saveMonitorProgress(
    projectId: string,
    id: string,
    progress: MonitorProgress,
  ): Promise<void> {
    const m = this.monitors.get(key(projectId, id));
    if (m) m.progress = copy(progress);
  }

  async deleteMonitor(projectId: string, id: string): Promise<boolean> {
    return this.monitors.delete(key(projectId, id));
  }

  async putAlerts(alerts: readonly Alert[]): Promise<void> {
    for (const a of alerts) this.alerts.set(key(a.projectId, a.id), copy(a));
  }

  async getAlert(projectId: string, id: string): Promise<Alert | undefined> {
    const a = this.alerts.get(key(projectId, id));
    return a && copy(a);
  }

  async listAlerts(q: AlertQuery): Promise<Alert[]> {
    return [...this.alerts.values()]
      .filter((a) => a.projectId === q.projectId)
      .filter(
        (a) => (!q.status || a.status === q.status) && (!q.unresolved || a.status !== 'resolved'),
      )
      .filter((a) => !q.monitorId || a.monitorId === q.monitorId)
      .sort((a, b) => b.openedAtMs - a.openedAtMs || (a.id < b.id ? 1 : -1))
      .slice(0, q.limit)
      .map(copy);
  }

  async putIncident(i: Incident): Promise<void> {
    this.incidents.set(key(i.projectId, i.id), copy(i));
  }

  async getIncident(projectId: string, id: string): Promise<Incident | undefined> {
    const i = this.incidents.get(key(projectId, id));
    return i && copy(i);
  }

  async listIncidents(q: IncidentQuery): Promise<Incident[]> {
    return [...this.incidents.values()]
      .filter((i) => i.projectId === q.projectId && (!q.status || i.status === q.status))
      .sort((a, b) => b.openedAtMs - a.openedAtMs || (a.id < b.id ? 1 : -1))
      .slice(0, q.limit)
      .map(copy);
  }

  async acquireLease(name: string, holder: string, ttlMs: number, nowMs: number): Promise<boolean> {
    const lease = this.leases.get(name);
    if (lease && lease.holder !== holder && lease.expiresAtMs >= nowMs) return false;
    this.leases.set(name, { holder, expiresAtMs: nowMs + ttlMs });
    return true;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    if (this.leases.get(name)?.holder === holder) this.leases.delete(name);
  }
}
