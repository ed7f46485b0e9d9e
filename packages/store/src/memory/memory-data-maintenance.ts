import type { Span } from '@glassbox/core/model';
import type {
  DataMaintenance,
  DeletionResult,
  DeletionSelector,
  ProjectUsage,
  Retention,
  StorageProbe,
  SweepResult,
} from '../ports/data-maintenance.js';
import { checkRetention, checkSelector, DAY_MS } from '../projects/retention-check.js';
import type { MemoryChangedTraces } from './memory-changed-traces.js';
import type { MemoryEvalStores } from './memory-eval-stores.js';
import type { MemoryObservationStore } from './memory-observation-store.js';
import type { MemoryReplayRunStore } from './memory-replay-run-store.js';
import type { MemoryTraceTables, StoredTrace } from './memory-trace-tables.js';

/** The memory stores a deletion reaches. */
export interface MemoryTraceHolders {
  tables: MemoryTraceTables;
  changes: MemoryChangedTraces;
  observations: MemoryObservationStore;
  replays: MemoryReplayRunStore;
  evals: MemoryEvalStores;
}

const withoutContent = (span: Span): Span => {
  const { input: _input, output: _output, retrievalQuery: _query, ...rest } = span;
  return {
    ...rest,
    inputMessages: [],
    outputMessages: [],
    toolDefinitions: [],
    documents: [],
    events: [],
    attributes: {},
  };
};

/** Deletion and retention in memory; a supported test double. */
export class MemoryDataMaintenance implements DataMaintenance {
  private readonly retention = new Map<string, Retention & { clearedBeforeMs: number }>();

  constructor(private readonly holders: MemoryTraceHolders) {}

  private tracesOf(projectId: string): StoredTrace[] {
    return [...this.holders.tables.traces.values()].filter(
      (t) => t.summary.projectId === projectId,
    );
  }

  async deleteTraces(projectId: string, selector: DeletionSelector): Promise<DeletionResult> {
    const { column, value } = checkSelector(selector);
    const field = ({ trace_id: 'traceId', session_id: 'sessionId', user_id: 'userId' } as const)[
      column
    ];
    const ids = new Set(
      column === 'trace_id'
        ? [value]
        : this.tracesOf(projectId)
            .filter((t) => t.summary[field] === value)
            .map((t) => t.summary.traceId),
    );
    return this.deleteIds(projectId, ids);
  }

  private deleteIds(projectId: string, ids: ReadonlySet<string>): DeletionResult {
    const result = { traces: 0, spans: 0 };
    const { tables } = this.holders;
    for (const [key, stored] of tables.traces) {
      if (stored.summary.projectId === projectId && ids.has(stored.summary.traceId)) {
        result.traces += 1;
        result.spans += stored.spans.size;
        tables.traces.delete(key);
      }
    }
    for (const [key, pending] of tables.pending) {
      if (pending.projectId === projectId && ids.has(pending.traceId)) tables.pending.delete(key);
    }
    this.holders.changes.forget(projectId, ids);
    this.holders.observations.forget(projectId, ids);
    this.holders.replays.forget(projectId, ids);
    this.holders.evals.forget(projectId, ids);
    return result;
  }

  async getRetention(projectId: string): Promise<Retention> {
    const found = this.retention.get(projectId);
    return { traceDays: found?.traceDays ?? null, contentDays: found?.contentDays ?? null };
  }

  async setRetention(projectId: string, retention: Retention): Promise<void> {
    const checked = checkRetention(retention);
    const clearedBeforeMs = this.retention.get(projectId)?.clearedBeforeMs ?? 0;
    this.retention.set(projectId, { ...checked, clearedBeforeMs });
  }

  async sweepExpired(nowMs: number, limit: number): Promise<SweepResult> {
    const result: SweepResult = {
      tracesDeleted: 0,
      spansDeleted: 0,
      tracesCleared: 0,
      more: false,
    };
    for (const [projectId, policy] of this.retention) {
      const oldestFirst = this.tracesOf(projectId).sort(
        (a, b) => a.summary.startMs - b.summary.startMs,
      );
      if (policy.traceDays !== null) {
        const cutoff = nowMs - policy.traceDays * DAY_MS;
        const expired = oldestFirst.filter((t) => t.summary.startMs < cutoff);
        const budget = Math.max(0, limit - result.tracesDeleted);
        if (expired.length > budget) result.more = true;
        const ids = new Set(expired.slice(0, budget).map((t) => t.summary.traceId));
        const deleted = this.deleteIds(projectId, ids);
        result.tracesDeleted += deleted.traces;
        result.spansDeleted += deleted.spans;
      }
      if (policy.contentDays !== null) {
        const cutoff = nowMs - policy.contentDays * DAY_MS;
        const due = this.tracesOf(projectId)
          .filter((t) => t.summary.startMs >= policy.clearedBeforeMs && t.summary.startMs < cutoff)
          .sort((a, b) => a.summary.startMs - b.summary.startMs);
        const budget = Math.max(0, limit - result.tracesCleared);
        const chosen = due.slice(0, budget);
        const full = due.length > budget;
        if (full) result.more = true;
        for (const stored of chosen) this.clear(stored);
        result.tracesCleared += chosen.length;
        const last = chosen[chosen.length - 1];
        policy.clearedBeforeMs = Math.max(
          policy.clearedBeforeMs,
          full ? (last?.summary.startMs ?? policy.clearedBeforeMs) : cutoff,
        );
      }
    }
    return result;
  }

  /** Replaces a trace's entry with one whose spans and summary carry no content. */
  private clear(stored: StoredTrace): void {
    const { input: _input, output: _output, ...summary } = stored.summary;
    const spans = new Map([...stored.spans].map(([id, span]) => [id, withoutContent(span)]));
    const key = [...this.holders.tables.traces.entries()].find(([, t]) => t === stored)?.[0];
    const facets = { ...stored.facets, searchText: '', inputText: '', outputText: '' };
    if (key !== undefined)
      this.holders.tables.traces.set(key, { ...stored, summary, spans, facets });
  }

  async usage(projectId: string): Promise<ProjectUsage> {
    const traces = this.tracesOf(projectId);
    let contentBytes = 0;
    for (const t of traces) {
      for (const span of t.spans.values()) {
        contentBytes +=
          (span.input?.length ?? 0) +
          (span.output?.length ?? 0) +
          JSON.stringify(span.inputMessages).length +
          JSON.stringify(span.outputMessages).length +
          JSON.stringify(span.documents).length +
          JSON.stringify(span.attributes).length +
          JSON.stringify(span.events).length;
      }
    }
    return {
      projectId,
      traces: traces.length,
      spans: traces.reduce((n, t) => n + t.spans.size, 0),
      contentBytes,
    };
  }

  async databaseBytes(): Promise<number | null> {
    return null;
  }

  async probe(): Promise<StorageProbe> {
    return { reachable: true, writable: true };
  }

  async detectionBacklog(): Promise<{ count: number; oldestMs: number | null }> {
    return this.holders.changes.backlog();
  }
}
