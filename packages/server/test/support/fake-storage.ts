import type { Span, TraceDetail, TraceSummary } from '@glassbox/core/model';
import type { Page, Storage, TraceQuery, TraceStore } from '@glassbox/store';

/**
 * Wraps a real Storage so tests can slow down or fail `writeSpans` and count its calls.
 */
export interface InstrumentedStorage extends Storage {
  writeCalls: Span[][];
  /** While set, each writeSpans waits for this promise first. */
  gate?: Promise<void>;
  /** While set, writeSpans rejects with this error (nothing is written). */
  failWith?: Error;
}

export function instrument(storage: Storage): InstrumentedStorage {
  const inner = storage.traces;
  const control: Pick<InstrumentedStorage, 'writeCalls' | 'gate' | 'failWith'> = {
    writeCalls: [],
  };
  const traces: TraceStore = {
    async writeSpans(spans, options) {
      control.writeCalls.push([...spans]);
      if (control.gate) await control.gate;
      if (control.failWith) throw control.failWith;
      await inner.writeSpans(spans, options);
    },
    listTraces: (query: TraceQuery): Promise<Page<TraceSummary>> => inner.listTraces(query),
    getTrace: (projectId: string, traceId: string): Promise<TraceDetail | undefined> =>
      inner.getTrace(projectId, traceId),
    getTraceOutline: (projectId, traceId) => inner.getTraceOutline(projectId, traceId),
    getSpan: (projectId, traceId, spanId) => inner.getSpan(projectId, traceId, spanId),
    getSession: (projectId, sessionId) => inner.getSession(projectId, sessionId),
    listSessions: (query) => inner.listSessions(query),
    traceExtent: (projectId) => inner.traceExtent(projectId),
    traceRows: (query) => inner.traceRows(query),
    getFindings: (projectId, traceId) => inner.getFindings(projectId, traceId),
    failureSummary: (query) => inner.failureSummary(query),
    classifyTraces: (refs, classifier) => inner.classifyTraces(refs, classifier),
    indexQueuedSearchText: (limit) => inner.indexQueuedSearchText(limit),
    writes: inner.writes,
  };
  return Object.assign(control, {
    backend: storage.backend,
    projects: storage.projects,
    detection: storage.detection,
    guards: storage.guards,
    replays: storage.replays,
    artifacts: storage.artifacts,
    evals: storage.evals,
    incidents: storage.incidents,
    audit: storage.audit,
    maintenance: storage.maintenance,
    traces,
    close: () => storage.close(),
  });
}

/** A gate that holds writes until `open()` is called. */
export function createGate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}
