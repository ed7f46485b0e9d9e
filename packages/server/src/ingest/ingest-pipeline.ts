import {
  checkOtlpSpan,
  resolveThresholds,
  type ClassifierThresholds,
  normalizeSpan,
  type OtlpEvent,
  type OtlpLogRecord,
  type OtlpSpan,
  type Span,
  type TraceDetail,
} from '@glassbox/core';
import type { TraceStore, WriteOptions } from '@glassbox/store';
import { failureClassifier } from './failure-classifier.js';
import { GroupCommitWriter, type GroupCommitOptions } from './group-commit-writer.js';
import { IngestError } from './ingest-error.js';
import { logRecordToSpanEvent, type SpanEventRecord } from './log-record-to-span-event.js';
import { PendingSpanEvents } from './pending-span-events.js';
import { mergeEvents, spanKey } from './span-event-key.js';
import { spanToOtlpSpan } from './span-to-otlp-span.js';

/** One item that could not be accepted, and why. */
export interface Rejection {
  id: string;
  reason: string;
}

export interface IngestResult {
  accepted: number;
  rejected: Rejection[];
}

interface SpanEntry {
  raw: OtlpSpan;
  span: Span;
}

export interface IngestPipelineOptions extends GroupCommitOptions {
  /**
   * A project's classifier threshold overrides. Given, every write classifies the traces it
   * touches with them; absent, spans are stored without findings.
   */
  thresholdsOf?: (projectId: string) => Promise<Partial<ClassifierThresholds>>;
  /** Told when a project's stored thresholds are unusable and the defaults were used. */
  onThresholdsError?: (projectId: string, error: unknown) => void;
}

/** How many event-loop turns a commit waits for more requests (see GroupCommitOptions). */
export const DEFAULT_COLLECT_TURNS = 8;

type Submission =
  | { kind: 'spans'; projectId: string; entries: SpanEntry[] }
  | { kind: 'logs'; projectId: string; records: SpanEventRecord[] };

function normalizeOrReason(raw: OtlpSpan, projectId: string): Span | string {
  const problem = checkOtlpSpan(raw);
  if (problem) return problem;
  try {
    return normalizeSpan(raw, { projectId });
  } catch (error) {
    return `could not be normalized: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * Validates and normalizes incoming spans and GenAI log events, then writes them through
 * one group-commit writer, so every promise resolves only once its data is committed.
 * GenAI log events are attached to their span whether the span arrived before them (read
 * back and re-normalized) or arrives later (held in PendingSpanEvents until then).
 *
 * @example
 * const { accepted, rejected } = await pipeline.ingestSpans('default', otlpSpans);
 */
export class IngestPipeline {
  private readonly writer: GroupCommitWriter<Submission>;
  private readonly pendingEvents = new PendingSpanEvents();

  constructor(
    private readonly traces: TraceStore,
    private readonly options: IngestPipelineOptions = {},
  ) {
    this.writer = new GroupCommitWriter(
      (items) => this.commit(items),
      (item) => (item.kind === 'spans' ? item.entries.length : item.records.length),
      // Requests are decoded on this thread: without waiting for the ones already arriving,
      // each commit would hold a single request and pay the per-commit costs for it alone.
      { collectTurns: DEFAULT_COLLECT_TURNS, ...options },
    );
  }

  /** Resolves after the valid spans are committed; invalid ones are returned as rejected. */
  async ingestSpans(projectId: string, raws: readonly OtlpSpan[]): Promise<IngestResult> {
    const entries: SpanEntry[] = [];
    const rejected: Rejection[] = [];
    for (const raw of raws) {
      const result = normalizeOrReason(raw, projectId);
      if (typeof result === 'string') rejected.push({ id: raw.spanId, reason: result });
      else entries.push({ raw, span: result });
    }
    if (entries.length > 0) await this.writer.submit({ kind: 'spans', projectId, entries });
    return { accepted: entries.length, rejected };
  }

  /** Resolves after the GenAI events among the records are committed or queued for their span. */
  async ingestLogs(projectId: string, logs: readonly OtlpLogRecord[]): Promise<IngestResult> {
    const records: SpanEventRecord[] = [];
    const rejected: Rejection[] = [];
    logs.forEach((log, i) => {
      const result = logRecordToSpanEvent(log);
      if (typeof result === 'string') rejected.push({ id: `logRecord[${i}]`, reason: result });
      else records.push(result);
    });
    if (records.length > 0) {
      if (!this.pendingEvents.hasRoomFor(records.length)) {
        throw new IngestError(
          'queue_full',
          `too many GenAI events are waiting for their spans (limit ${this.pendingEvents.maxEvents})`,
        );
      }
      await this.writer.submit({ kind: 'logs', projectId, records });
    }
    return { accepted: records.length, rejected };
  }

  get pendingSpans(): number {
    return this.writer.pendingSpans;
  }

  close(): Promise<void> {
    return this.writer.close();
  }

  private async commit(items: Submission[]): Promise<void> {
    const targets = new Map<string, CommitTarget>();
    for (const item of items) {
      if (item.kind !== 'spans') continue;
      for (const { raw, span } of item.entries) {
        const key = spanKey(item.projectId, span.traceId, span.spanId);
        targets.set(key, { raw, span, projectId: item.projectId, changed: false });
      }
    }
    const waiting = new Map<string, OtlpEvent[]>();
    const traceCache = new Map<string, Promise<TraceDetail | undefined>>();
    for (const item of items) {
      if (item.kind !== 'logs') continue;
      for (const { traceId, spanId, event } of item.records) {
        const key = spanKey(item.projectId, traceId, spanId);
        let target = targets.get(key);
        if (!target) {
          const cacheKey = `${item.projectId}/${traceId}`;
          if (!traceCache.has(cacheKey)) {
            traceCache.set(cacheKey, this.traces.getTrace(item.projectId, traceId));
          }
          const stored = (await traceCache.get(cacheKey))?.spans.find((s) => s.spanId === spanId);
          if (stored) {
            target = {
              raw: spanToOtlpSpan(stored),
              span: stored,
              projectId: item.projectId,
              changed: false,
            };
            targets.set(key, target);
          }
        }
        if (target) addEvents(target, [event]);
        else waiting.set(key, [...(waiting.get(key) ?? []), event]);
      }
    }
    const consumed: string[] = [];
    const spans: Span[] = [];
    for (const [key, target] of targets) {
      const pending = this.pendingEvents.get(key);
      if (pending) {
        consumed.push(key);
        addEvents(target, pending);
      }
      spans.push(
        target.changed ? normalizeSpan(target.raw, { projectId: target.projectId }) : target.span,
      );
    }
    if (spans.length > 0) await this.traces.writeSpans(spans, await this.writeOptions(spans));
    for (const key of consumed) this.pendingEvents.delete(key);
    for (const [key, events] of waiting) this.pendingEvents.add(key, events);
  }

  /** Each written project's thresholds, read per commit so a change applies at once. */
  private async writeOptions(spans: readonly Span[]): Promise<WriteOptions> {
    const { thresholdsOf, onThresholdsError } = this.options;
    if (!thresholdsOf) return {};
    const thresholds = new Map<string, ClassifierThresholds>();
    for (const projectId of new Set(spans.map((s) => s.projectId))) {
      try {
        thresholds.set(projectId, resolveThresholds(await thresholdsOf(projectId)));
      } catch (error) {
        // Stored overrides a newer classifier refuses must not stop ingest; defaults apply.
        onThresholdsError?.(projectId, error);
      }
    }
    return { classifier: failureClassifier(thresholds) };
  }
}

interface CommitTarget extends SpanEntry {
  projectId: string;
  /** New events were merged into `raw`, so `span` must be normalized again. */
  changed: boolean;
}

function addEvents(target: CommitTarget, added: readonly OtlpEvent[]): void {
  const events = mergeEvents(target.raw.events, added);
  if (!events) return;
  target.raw = { ...target.raw, events };
  target.changed = true;
}
