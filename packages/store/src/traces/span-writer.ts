import {
  assembleTraces,
  extendTrace,
  LARGE_TRACE_SPANS,
  traceKey,
  groupSpanEvents,
  PENDING_SWEEP_LIMIT,
  planSessionReads,
  planSpanEvents,
  planTraceWrite,
  sessionContext,
  spanKey,
  tracesOf,
  type AssembledTrace,
  type SummarySpan,
  type TraceRef,
  type PendingEvents,
  type TraceClassification,
  type TraceClassifier,
  type TraceRecord,
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
      const extended = await extendLargeTraces(unit, events.spans, options.largeTraceSpans);
      const spans = [...events.spans.values()].filter((s) => !extended.has(traceKey(s)));
      const touched = tracesOf(spans);
      const { classifier } = options;
      const earlier =
        touched.length === 0
          ? []
          : classifier
            ? await unit.readTraceSpans(touched, 'full')
            : await unit.readTraceSpans(touched, 'summary');
      const traces = assembleTraces(spans, earlier);
      const classification = classifier
        ? await classify(unit, traces as AssembledTrace<Span>[], classifier)
        : undefined;
      await unit.write(planTraceWrite(events, [...traces, ...extended.values()], classification));
    });
  }

  /**
   * Classifies stored traces whole (the findings of each replaced, its summary and facets
   * recomputed from all of its spans), without marking them changed for detection: the
   * detection job runs it for traces ingest extended without classifying. The spans are read
   * (`readTrace`) before the write transaction, so ingest is not held up while a large trace
   * is read. A trace written meanwhile still gets the findings of the spans read, but keeps
   * the summary ingest extended it to and stays queued, so it is classified again whole.
   */
  async classifyTraces(
    traces: readonly TraceRef[],
    classifier: TraceClassifier,
    readTrace: (ref: TraceRef) => Promise<{ spans: Span[] } | undefined>,
  ): Promise<void> {
    const spans: Span[] = [];
    for (const ref of traces) spans.push(...((await readTrace(ref))?.spans ?? []));
    const read = assembleTraces(spans, []);
    if (read.length === 0) return;
    await this.writes.transaction(read, async (unit) => {
      const stored = new Map(
        (await unit.readTraceRecords(read)).map((r) => [traceKey(r.summary), r]),
      );
      const found = read.filter((t) => stored.has(traceKey(t)));
      if (found.length === 0) return;
      const classification = await classify(unit, found, classifier);
      const events = { spans: new Map(), consumed: [], pending: [] };
      const records = planTraceWrite(events, found, classification).traces;
      const current: TraceRecord[] = [];
      const grown: TraceRecord[] = [];
      for (const record of records) {
        const now = stored.get(traceKey(record.summary))!;
        if (now.summary.spanCount === record.summary.spanCount) current.push(record);
        else grown.push({ ...now, findings: record.findings ?? [] });
      }
      await unit.writeTraceRecords(current);
      await unit.writeTraceRecords(grown, { keepQueued: true });
    });
  }

  /** Sweeps expired pending span events at most once a minute, or at once while a backlog lasts. */
  private async sweepIfDue(nowMs: number, cutoffMs: number): Promise<void> {
    if (nowMs < this.nextSweepMs) return;
    const deleted = await this.writes.sweepPendingEvents(cutoffMs, PENDING_SWEEP_LIMIT);
    this.nextSweepMs = deleted >= PENDING_SWEEP_LIMIT ? nowMs : nowMs + SWEEP_INTERVAL_MS;
  }
}

/**
 * The touched traces that already hold `largeTraceSpans` spans or more and hold none of the
 * spans written to them now, extended from their stored record (extendTrace) rather than
 * re-read, by traceKey. A trace that gets a span it holds (re-sent, or taking events) is
 * re-read whole instead, so totals never double-count.
 */
async function extendLargeTraces(
  unit: TraceWriteUnit,
  written: ReadonlyMap<string, Span>,
  largeTraceSpans = LARGE_TRACE_SPANS,
): Promise<Map<string, AssembledTrace<Span>>> {
  const extended = new Map<string, AssembledTrace<Span>>();
  if (written.size === 0 || !Number.isFinite(largeTraceSpans)) return extended;
  const records = await unit.readTraceRecords(tracesOf(written.values()));
  const large = records.filter((r) => r.summary.spanCount >= largeTraceSpans);
  if (large.length === 0) return extended;
  const byTrace = new Map(large.map((r) => [traceKey(r.summary), [] as Span[]]));
  for (const span of written.values()) byTrace.get(traceKey(span))?.push(span);
  const roots = large.flatMap(({ summary: { projectId, traceId, rootSpanId } }) =>
    rootSpanId === undefined ? [] : [{ projectId, traceId, spanId: rootSpanId }],
  );
  const newRefs = [...byTrace.values()].flat();
  const found = new Map<string, SummarySpan>();
  for (const span of await unit.readSpans([...newRefs, ...roots])) found.set(spanKey(span), span);
  for (const record of large) {
    const spans = byTrace.get(traceKey(record.summary)) ?? [];
    if (spans.some((span) => found.has(spanKey(span)))) continue;
    const { projectId, traceId, rootSpanId } = record.summary;
    const root =
      rootSpanId === undefined
        ? undefined
        : found.get(spanKey({ projectId, traceId, spanId: rootSpanId }));
    extended.set(traceKey(record.summary), extendTrace(record, root, spans));
  }
  return extended;
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
