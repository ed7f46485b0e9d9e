import type { OtlpEvent, Span } from '@glassbox/core/model';
import { StoreError } from '../store-error.js';
import {
  DEFAULT_PENDING_EVENT_RETENTION_MS,
  type SpanEventAttacher,
  type SpanEvents,
  type SpanWriteOptions,
} from '../trace-store.js';

/** Span events kept until their span is written, as every adapter stores them. */
export interface PendingEvents extends SpanEvents {
  /** When the first of them was committed, epoch ms; they expire from then. */
  receivedAtMs: number;
}

/** What a write does with span events once it knows the stored spans and pending events. */
export interface SpanEventsPlan {
  /** Spans to store, by spanKey: the write's own (with events attached) and stored ones that took events. */
  spans: Map<string, Span>;
  /** Keys of pending entries to delete: attached now, or expired. */
  consumed: string[];
  /** Pending entries to create or replace. */
  pending: PendingEvents[];
}

/** Pending events dropped per write at most, so one write never pays for a long backlog. */
export const PENDING_SWEEP_LIMIT = 1000;

/** Identifies one span across projects. */
export function spanKey(projectId: string, traceId: string, spanId: string): string {
  return `${projectId}\u0000${traceId}\u0000${spanId}`;
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
  return { events, attach: options.attachEvents, nowMs, cutoffMs: nowMs - retention };
}

/** The incoming events grouped by span, in arrival order. */
export function groupSpanEvents(events: readonly SpanEvents[]): Map<string, SpanEvents> {
  const grouped = new Map<string, SpanEvents>();
  for (const entry of events) {
    const key = spanKey(entry.projectId, entry.traceId, entry.spanId);
    const found = grouped.get(key);
    if (found) found.events.push(...entry.events);
    else grouped.set(key, { ...entry, events: [...entry.events] });
  }
  return grouped;
}

const identity = (event: OtlpEvent): string => JSON.stringify(event);

/** `current` followed by the events of `added` it lacks, or undefined when it lacks none. */
function appendNew(
  current: readonly OtlpEvent[],
  added: readonly OtlpEvent[],
): OtlpEvent[] | undefined {
  const seen = new Set(current.map(identity));
  const fresh = added.filter((event) => {
    const id = identity(event);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return fresh.length === 0 ? undefined : [...current, ...fresh];
}

/**
 * Decides, inside a write's transaction, where span events go: onto a span written now or
 * already stored (with the pending events kept for it, oldest first), else into pending.
 * Pending entries received before `cutoffMs` count as gone.
 *
 * @example
 * const plan = planSpanEvents({ written, incoming, stored, waiting, attach, nowMs, cutoffMs });
 */
export function planSpanEvents(input: {
  written: ReadonlyMap<string, Span>;
  incoming: ReadonlyMap<string, SpanEvents>;
  stored: ReadonlyMap<string, Span>;
  waiting: ReadonlyMap<string, PendingEvents>;
  attach: SpanEventAttacher | undefined;
  nowMs: number;
  cutoffMs: number;
}): SpanEventsPlan {
  const { written, incoming, stored, waiting, attach, nowMs, cutoffMs } = input;
  const plan: SpanEventsPlan = { spans: new Map(written), consumed: [], pending: [] };
  const live = (key: string): PendingEvents | undefined => {
    const entry = waiting.get(key);
    return entry && entry.receivedAtMs >= cutoffMs ? entry : undefined;
  };
  const attachTo = (key: string, span: Span): void => {
    if (!attach) return;
    if (waiting.has(key)) plan.consumed.push(key);
    const events = [...(live(key)?.events ?? []), ...(incoming.get(key)?.events ?? [])];
    const updated = events.length > 0 ? attach(span, events) : undefined;
    if (updated) plan.spans.set(key, updated);
  };
  for (const [key, span] of written) attachTo(key, span);
  for (const [key, entry] of incoming) {
    if (written.has(key)) continue;
    const span = stored.get(key);
    if (span) {
      attachTo(key, span);
      continue;
    }
    const previous = live(key);
    const events = appendNew(previous?.events ?? [], entry.events);
    if (!events) continue;
    const { projectId, traceId, spanId } = entry;
    const receivedAtMs = previous?.receivedAtMs ?? nowMs;
    plan.pending.push({ projectId, traceId, spanId, events, receivedAtMs });
  }
  return plan;
}
