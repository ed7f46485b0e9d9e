import { resolveThresholds, type ClassifierThresholds } from '@glassbox/core/classify';
import {
  attachSpanEvents,
  failureClassifier,
  logRecordToSpanEvent,
  type SpanEventRecord,
  type SpanEvents,
  type TraceClassifier,
} from '@glassbox/core/ingest';
import type { OtlpLogRecord, OtlpSpan, Span } from '@glassbox/core/model';
import { capLogRecordValues, DEFAULT_MAX_ATTRIBUTE_BYTES } from '@glassbox/core/normalize';
import type { TraceStore } from '@glassbox/store';
import type { OtlpEncoding } from '../../otlp/otlp-encoding.js';
import { GroupCommitWriter, type GroupCommitOptions } from './group-commit-writer.js';
import type { IngestResult, Rejection, Truncation } from './ingest-result.js';
import { prepareSpans, type PreparedSpans } from './prepare-spans.js';
import { inlinePreparer, type SpanPreparer } from './span-preparer.js';

export type { IngestResult, Rejection, Truncation } from './ingest-result.js';

export interface IngestPipelineOptions extends GroupCommitOptions {
  /**
   * A project's classifier threshold overrides. Given, every write classifies the traces it
   * touches with them; absent, spans are stored without findings.
   */
  thresholdsOf?: (projectId: string) => Promise<Partial<ClassifierThresholds>>;
  /** Told when a project's stored thresholds are unusable and the defaults were used. */
  onThresholdsError?: (projectId: string, error: unknown) => void;
  /**
   * How long GenAI log events wait in the store for a span that has not arrived; older ones
   * are dropped. Default: the store's (1 hour).
   */
  pendingEventRetentionMs?: number;
  /**
   * Largest attribute value stored whole, in UTF-8 bytes; larger ones are stored cut with a
   * marker and their original size. Default DEFAULT_MAX_ATTRIBUTE_BYTES (1 MiB).
   */
  maxAttributeBytes?: number;
  /**
   * Traces holding this many spans are extended without re-reading or classifying them (see
   * SpanWriteOptions.largeTraceSpans); Infinity when no detection job classifies them later.
   */
  largeTraceSpans?: number;
  /**
   * Decodes and normalizes trace bodies (ingestTraceBody); default inline on this thread.
   * Closed with the pipeline.
   */
  preparer?: SpanPreparer;
}

/** How many event-loop turns a commit waits for more requests (see GroupCommitOptions). */
export const DEFAULT_COLLECT_TURNS = 8;

type Submission =
  | { kind: 'spans'; projectId: string; spans: Span[] }
  | { kind: 'logs'; projectId: string; records: SpanEventRecord[] };

/**
 * Validates and normalizes incoming spans and GenAI log events, then writes them through
 * one group-commit writer, so every promise resolves only once its data is committed.
 * GenAI log events go into the same store write, which attaches them to their span
 * (re-normalized by core's attachSpanEvents) whether it is stored already, in the same
 * commit, or written later — pending events are committed, so they survive restarts and are
 * seen by every replica over one database. See README.md for the whole path of a span.
 *
 * @example
 * const { accepted, rejected } = await pipeline.ingestSpans('default', otlpSpans);
 */
export class IngestPipeline {
  private readonly writer: GroupCommitWriter<Submission>;
  private readonly preparer: SpanPreparer;

  constructor(
    private readonly traces: TraceStore,
    private readonly options: IngestPipelineOptions = {},
  ) {
    this.preparer = options.preparer ?? inlinePreparer(this.maxAttributeBytes);
    this.writer = new GroupCommitWriter(
      (items) => this.commit(items),
      (item) => (item.kind === 'spans' ? item.spans.length : item.records.length),
      // Requests are decoded on this thread: without waiting for the ones already arriving,
      // each commit would hold a single request and pay the per-commit costs for it alone.
      { collectTurns: DEFAULT_COLLECT_TURNS, ...options },
    );
  }

  /** Resolves after the valid spans are committed; invalid ones are returned as rejected. */
  async ingestSpans(projectId: string, raws: readonly OtlpSpan[]): Promise<IngestResult> {
    return this.submitSpans(projectId, prepareSpans(projectId, raws, this.maxAttributeBytes));
  }

  /**
   * Decodes an OTLP trace export body (through the preparer, on worker threads when it has
   * them) and resolves after its valid spans are committed. Throws OtlpDecodeError for a body
   * that is not an export request.
   */
  async ingestTraceBody(
    projectId: string,
    encoding: OtlpEncoding,
    body: Buffer,
  ): Promise<IngestResult> {
    const prepared = await this.preparer.prepare(projectId, encoding, body);
    return this.submitSpans(projectId, prepared, body.length);
  }

  private async submitSpans(
    projectId: string,
    prepared: PreparedSpans,
    bytes = 0,
  ): Promise<IngestResult> {
    const { spans, rejected, truncated } = prepared;
    if (spans.length > 0) await this.writer.submit({ kind: 'spans', projectId, spans }, bytes);
    return { accepted: spans.length, rejected, truncated };
  }

  /** Resolves after the GenAI events among the records are committed, on their span or pending it. */
  async ingestLogs(projectId: string, logs: readonly OtlpLogRecord[]): Promise<IngestResult> {
    const records: SpanEventRecord[] = [];
    const rejected: Rejection[] = [];
    const truncated: Truncation[] = [];
    logs.forEach((log, i) => {
      const capped = capLogRecordValues(log, this.maxAttributeBytes);
      const result = logRecordToSpanEvent(capped.log);
      const id = `logRecord[${i}]`;
      if (typeof result === 'string') {
        rejected.push({ id, reason: result });
        return;
      }
      records.push(result);
      for (const cut of capped.truncated) truncated.push({ id, ...cut });
    });
    if (records.length > 0) await this.writer.submit({ kind: 'logs', projectId, records });
    return { accepted: records.length, rejected, truncated };
  }

  private get maxAttributeBytes(): number {
    return this.options.maxAttributeBytes ?? DEFAULT_MAX_ATTRIBUTE_BYTES;
  }

  get pendingSpans(): number {
    return this.writer.pendingSpans;
  }

  /** Runs `work` between two ingest commits (see GroupCommitWriter.betweenCommits). */
  betweenCommits<R>(work: () => Promise<R>): Promise<R> {
    return this.writer.betweenCommits(work);
  }

  async close(): Promise<void> {
    await this.writer.close();
    await this.preparer.close();
  }

  private async commit(items: Submission[]): Promise<void> {
    const spans: Span[] = [];
    const events: SpanEvents[] = [];
    for (const item of items) {
      if (item.kind === 'spans') spans.push(...item.spans);
      else {
        for (const { traceId, spanId, event } of item.records) {
          events.push({ projectId: item.projectId, traceId, spanId, events: [event] });
        }
      }
    }
    const projects = new Set([...spans, ...events].map((s) => s.projectId));
    const { pendingEventRetentionMs, largeTraceSpans } = this.options;
    const classifier = await this.classifier(projects);
    await this.traces.writeSpans(spans, {
      ...(classifier ? { classifier } : {}),
      ...(largeTraceSpans === undefined ? {} : { largeTraceSpans }),
      events,
      attachEvents: attachSpanEvents,
      ...(pendingEventRetentionMs === undefined
        ? {}
        : { pendingRetentionMs: pendingEventRetentionMs }),
    });
  }

  /** The classifier with each written project's thresholds, read per commit so a change applies at once. */
  private async classifier(projects: ReadonlySet<string>): Promise<TraceClassifier | undefined> {
    const { thresholdsOf, onThresholdsError } = this.options;
    if (!thresholdsOf) return undefined;
    const thresholds = new Map<string, ClassifierThresholds>();
    for (const projectId of projects) {
      try {
        thresholds.set(projectId, resolveThresholds(await thresholdsOf(projectId)));
      } catch (error) {
        // Stored overrides a newer classifier refuses must not stop ingest; defaults apply.
        onThresholdsError?.(projectId, error);
      }
    }
    return failureClassifier(thresholds);
  }
}
