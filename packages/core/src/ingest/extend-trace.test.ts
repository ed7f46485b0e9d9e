import { describe, expect, it } from 'vitest';
import { makeSpan as makeCorpusSpan } from '../../test/corpus/span-factory.js';
import type { Span } from '../model/span.js';
import { extendTrace, type StoredTraceRecord } from './extend-trace.js';
import { orderSpanTree } from './span-tree-order.js';
import { summarizeTrace } from './summarize-trace.js';
import { buildTraceFacets } from './trace-facets.js';

const traceId = 't1';

/** A trace of a root, agents under it and tool and model calls under each agent. */
function agentTrace(): Span[] {
  const root = makeCorpusSpan({
    traceId,
    spanId: 'root',
    kind: 'agent',
    name: 'run',
    startMs: 1000,
    durationMs: 900,
    status: 'ok',
    input: 'Book me a flight',
    output: 'Booked',
    userId: 'u1',
  });
  const spans: Span[] = [root];
  for (let a = 0; a < 4; a++) {
    const agent = makeCorpusSpan({
      traceId,
      spanId: `agent${a}`,
      parentSpanId: 'root',
      kind: 'agent',
      startMs: 1010 + a * 100,
      durationMs: 90,
      status: 'unset',
      sessionId: 'sess',
      tags: [`agent-${a}`],
    });
    spans.push(agent);
    for (let c = 0; c < 5; c++) {
      spans.push(
        makeCorpusSpan({
          traceId,
          spanId: `call${a}-${c}`,
          parentSpanId: agent.spanId,
          kind: c % 2 === 0 ? 'llm' : 'tool',
          startMs: agent.startMs + 1 + c * 10,
          durationMs: 5,
          status: a === 2 && c === 3 ? 'error' : 'ok',
          requestModel: c % 2 === 0 ? `model-${a}` : undefined,
          provider: c % 2 === 0 ? 'openai' : undefined,
          usage: { input: 10 + c, output: 2 * a, cached: 1 },
          costUsd: 0.001 * (c + 1),
          input: `step ${a}.${c}`,
          versions: { [`prompt${a}`]: `v${c}` },
        }),
      );
    }
  }
  return spans;
}

/** The trace written in `parts`, the first part summarized whole, the others extended. */
function writeInParts(parts: Span[][]): StoredTraceRecord {
  const [first, ...rest] = parts as [Span[], ...Span[][]];
  const stored: Span[] = [...first];
  const summary = summarizeTrace(first);
  let record: StoredTraceRecord = { summary, facets: buildTraceFacets(first, summary) };
  for (const part of rest) {
    const root = stored.find((s) => s.spanId === record.summary.rootSpanId);
    const { summary: next, facets } = extendTrace(record, root, part);
    record = { summary: next, facets };
    stored.push(...part);
  }
  return record;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

describe('extendTrace', () => {
  const spans = agentTrace();
  const whole = summarizeTrace(spans);
  const wholeFacets = buildTraceFacets(spans, whole);

  it.each([
    ['root first', orderSpanTree(spans)],
    ['root last', [...orderSpanTree(spans)].reverse()],
    ['interleaved', [...spans].sort((a, b) => (a.spanId < b.spanId ? -1 : 1))],
  ])('summarizes a trace sent in parts as if read whole (%s)', (_, order) => {
    const { summary, facets } = writeInParts(chunks(order, 4));
    // Sums in another order can differ in the last bit; a version key keeps the value stored first.
    expect({ ...summary, costUsd: 0, versions: {} }).toEqual({
      ...whole,
      costUsd: 0,
      versions: {},
    });
    expect(summary.costUsd).toBeCloseTo(whole.costUsd, 12);
    expect(Object.keys(summary.versions).sort()).toEqual(Object.keys(whole.versions).sort());
    for (const key of ['models', 'providers', 'kinds', 'tags', 'versions'] as const) {
      expect(facets[key]).toEqual(wholeFacets[key]);
    }
    expect(facets.inputText).toBe(wholeFacets.inputText);
    for (const span of spans) expect(facets.searchText).toContain((span.input ?? '').toLowerCase());
  });

  it('keeps the stored root against a later-starting parentless span', () => {
    const root = makeCorpusSpan({ traceId, spanId: 'a', startMs: 10, name: 'first' });
    const late = makeCorpusSpan({ traceId, spanId: 'b', startMs: 20, name: 'second' });
    const summary = summarizeTrace([root]);
    const stored = { summary, facets: buildTraceFacets([root], summary) };
    expect(extendTrace(stored, root, [late]).summary.rootName).toBe('first');
    expect(extendTrace(stored, undefined, [late]).summary.rootName).toBe('second');
  });

  it('stops the search text at its limit', () => {
    const long = makeCorpusSpan({ traceId, spanId: 'a', input: 'x'.repeat(5000) });
    const summary = summarizeTrace([long]);
    const stored = { summary, facets: buildTraceFacets([long], summary) };
    const more = makeCorpusSpan({ traceId, spanId: 'b', parentSpanId: 'a', input: 'needle' });
    const { facets } = extendTrace(stored, long, [more]);
    expect(facets.searchText).toBe(stored.facets.searchText);
  });
});
