import {
  assembleTraces,
  groupSpanEvents,
  PENDING_SWEEP_LIMIT,
  planSessionReads,
  planSpanEvents,
  planTraceWrite,
  sessionContext,
  spanKey,
  tracesOf,
  type AssembledTrace,
  type PendingEvents,
  type TraceClassification,
  type TraceClassifier,
} from '@glassbox/core/ingest';
import type { Span } from '@glassbox/core/model';
import type { TraceWrites, TraceWriteUnit } from '../ports/trace-writes.js';
import { spanEventSettings, type SpanWriteOptions } from './span-write-options.js';

/** How often expired pending span events are swept while there is no backlog. */
const SWEEP_INTERVAL_MS = 60_000;

/**
 * Runs one ingest write: the domain workflow of `@glassbox/core/ingest` inside one
 * TraceWrites unit of work, the same for every backend. In order: lock the traces the batch
 * may touch; read the stored spans its events are for and the pending events of its spans;
 * plan the events (planSpanEvents); read the earlier spans of every touched trace and put
 * each trace together (assembleTraces); when classifying, read the session context and
 * classify; write the plan (planTraceWrite) — spans, trace summaries, facets, findings and
 * pending events — and commit. One transaction, so a retried export never double-counts and
 * a trace's findings always see all of its spans.
 *
 * @example
 * const writer = new SpanWriter(sqlTraceWrites);
 * await writer.write(spans, { classifier: failureClassifier(thresholds) });
 */
export class SpanWriter {
  private nextSweepMs = 0;

  constructor(private readonly writes: TraceWrites) {}

  async write(spans: readonly Span[], options: SpanWriteOptions = {}): Promise<void> {
    const settings = spanEventSettings(options);
    if (spans.length === 0 && settings.events.length === 0) return;
    await this.sweepIfDue(settings.nowMs, settings.cutoffMs);
    const written = new Map(spans.map((span) => [spanKey(span), span]));
    const incoming = groupSpanEvents(settings.events);
    const locks = tracesOf([...written.values(), ...incoming.values()]);
    await this.writes.transaction(locks, async (unit) => {
      const unstored = [...incoming].filter(([key]) => !written.has(key)).map(([, e]) => e);
      const stored = unstored.length > 0 ? await unit.readSpans(unstored) : [];
      const waiting: PendingEvents[] = settings.attach
        ? await unit.readPendingEvents([...written.values(), ...unstored])
        : [];
      const events = planSpanEvents({
        written,
        incoming,
        stored: new Map(stored.map((span) => [spanKey(span), span])),
        waiting: new Map(waiting.map((entry) => [spanKey(entry), entry])),
        attach: settings.attach,
        nowMs: settings.nowMs,
        cutoffMs: settings.cutoffMs,
      });
      const touched = tracesOf(events.spans.values());
      const { classifier } = options;
      const earlier =
        touched.length === 0
          ? []
          : classifier
            ? await unit.readTraceSpans(touched, 'full')
            : await unit.readTraceSpans(touched, 'summary');
      const traces = assembleTraces(events.spans.values(), earlier);
      const classification = classifier
        ? await classify(unit, traces as AssembledTrace<Span>[], classifier)
        : undefined;
      await unit.write(planTraceWrite(events, traces, classification));
    });
  }

  /** Sweeps expired pending span events at most once a minute, or at once while a backlog lasts. */
  private async sweepIfDue(nowMs: number, cutoffMs: number): Promise<void> {
    if (nowMs < this.nextSweepMs) return;
    const deleted = await this.writes.sweepPendingEvents(cutoffMs, PENDING_SWEEP_LIMIT);
    this.nextSweepMs = deleted >= PENDING_SWEEP_LIMIT ? nowMs : nowMs + SWEEP_INTERVAL_MS;
  }
}

/** Reads the session context the classifier asks for. */
async function classify(
  unit: TraceWriteUnit,
  traces: readonly AssembledTrace<Span>[],
  classifier: TraceClassifier,
): Promise<TraceClassification> {
  const reads = planSessionReads(traces, classifier.session);
  const stored = reads.length > 0 ? await unit.readSessionSpans(reads.map((r) => r.query)) : [];
  return { classifier, sessionSpans: sessionContext(reads, stored) };
}
