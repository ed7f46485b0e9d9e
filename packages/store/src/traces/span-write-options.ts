import {
  DEFAULT_PENDING_EVENT_RETENTION_MS,
  type SpanEventAttacher,
  type SpanEvents,
  type TraceClassifier,
} from '@glassbox/core/ingest';
import { StoreError } from '../store-error.js';

/** How one `writeSpans` call treats the traces it touches and the span events it carries. */
export interface SpanWriteOptions {
  /**
   * Given, the write replaces the findings of every trace it touches with the classifier's
   * (see TraceClassifier); without one, the touched traces keep the findings they had.
   */
  classifier?: TraceClassifier;
  /**
   * Events for spans, committed with the write: put on their span at once when it is in this
   * write or already stored, else kept pending (durably) until a later write brings the span.
   * Requires `attachEvents`.
   */
  events?: readonly SpanEvents[];
  /**
   * Given, every span the write stores takes the pending events kept for it (which are then
   * deleted). Without it, written spans leave their pending events waiting.
   */
  attachEvents?: SpanEventAttacher;
  /** Pending events older than this are dropped: their span never came. Default 1 hour. */
  pendingRetentionMs?: number;
  /** The write's clock in epoch milliseconds, stamped on pending events. Default Date.now(). */
  nowMs?: number;
  /**
   * A trace already holding this many spans is extended from its stored summary, not re-read
   * and not classified (the detection job classifies it once quiet; see extendTrace). Default
   * LARGE_TRACE_SPANS; Infinity re-reads and classifies every trace at every write.
   */
  largeTraceSpans?: number;
}

/** The write options' span-event settings, checked; a clear StoreError names a bad one. */
export function spanEventSettings(options: SpanWriteOptions): {
  events: readonly SpanEvents[];
  attach: SpanEventAttacher | undefined;
  nowMs: number;
  cutoffMs: number;
} {
  const events = options.events ?? [];
  const retention = options.pendingRetentionMs ?? DEFAULT_PENDING_EVENT_RETENTION_MS;
  const nowMs = options.nowMs ?? Date.now();
  if (events.length > 0 && !options.attachEvents) {
    throw new StoreError('invalid_argument', 'writeSpans was given events without attachEvents');
  }
  if (!(retention > 0) || !Number.isFinite(retention)) {
    throw new StoreError(
      'invalid_argument',
      `pendingRetentionMs must be a positive number of milliseconds (got ${retention})`,
    );
  }
  if (!Number.isFinite(nowMs)) {
    throw new StoreError('invalid_argument', `nowMs must be a finite number (got ${nowMs})`);
  }
  const large = options.largeTraceSpans;
  if (large !== undefined && !(large >= 1)) {
    throw new StoreError(
      'invalid_argument',
      `largeTraceSpans must be a number of spans of at least 1 (got ${large})`,
    );
  }
  return { events, attach: options.attachEvents, nowMs, cutoffMs: nowMs - retention };
}
