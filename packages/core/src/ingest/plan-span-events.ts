import type { Span } from '../model/span.js';
import type { SpanEventAttacher } from './attach-span-events.js';
import { mergeEvents } from './merge-events.js';
import { spanKey, type PendingEvents, type SpanEvents, type SpanRef } from './span-events.js';

/** What a write does with span events once it knows the stored spans and pending events. */
export interface SpanEventsPlan {
  /** Spans to store, by spanKey: the write's own (with events attached) and stored ones that took events. */
  spans: Map<string, Span>;
  /** Pending entries to delete: attached now, or expired. */
  consumed: SpanRef[];
  /** Pending entries to create or replace. */
  pending: PendingEvents[];
}

/** Pending events dropped per sweep at most, so one write never pays for a long backlog. */
export const PENDING_SWEEP_LIMIT = 1000;

/**
 * The incoming events grouped by span, in arrival order.
 *
 * @example
 * groupSpanEvents([{ ...ref, events: [a] }, { ...ref, events: [b] }]); // one entry, events [a, b]
 */
export function groupSpanEvents(events: readonly SpanEvents[]): Map<string, SpanEvents> {
  const grouped = new Map<string, SpanEvents>();
  for (const entry of events) {
    const key = spanKey(entry);
    const found = grouped.get(key);
    if (found) found.events.push(...entry.events);
    else grouped.set(key, { ...entry, events: [...entry.events] });
  }
  return grouped;
}

/**
 * Decides, inside a write's transaction, where span events go: onto a span written now or
 * already stored (with the pending events kept for it, oldest first), else into pending.
 * Pending entries received before `cutoffMs` count as gone. Without `attach`, written spans
 * leave their pending events waiting.
 *
 * @example
 * const plan = planSpanEvents({ written, incoming, stored, waiting, attach, nowMs, cutoffMs });
 */
export function planSpanEvents(input: {
  /** The write's spans, by spanKey. */
  written: ReadonlyMap<string, Span>;
  /** The write's events, by spanKey (see groupSpanEvents). */
  incoming: ReadonlyMap<string, SpanEvents>;
  /** Stored spans the incoming events are for, by spanKey. */
  stored: ReadonlyMap<string, Span>;
  /** Pending entries kept for the written spans and the incoming events, by spanKey. */
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
    const entry = waiting.get(key);
    if (entry)
      plan.consumed.push({
        projectId: entry.projectId,
        traceId: entry.traceId,
        spanId: entry.spanId,
      });
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
    const events = mergeEvents(previous?.events ?? [], entry.events);
    if (!events) continue;
    const { projectId, traceId, spanId } = entry;
    const receivedAtMs = previous?.receivedAtMs ?? nowMs;
    plan.pending.push({ projectId, traceId, spanId, events, receivedAtMs });
  }
  return plan;
}
