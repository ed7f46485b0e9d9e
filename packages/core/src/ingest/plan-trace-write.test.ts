import { describe, expect, it } from 'vitest';
import { makeSpan } from '../../test/corpus/span-factory.js';
import type { Span } from '../model/span.js';
import { assembleTraces } from './assemble-traces.js';
import type { ClassifiableTrace } from './failure-classifier.js';
import { planTraceWrite } from './plan-trace-write.js';
import { spanKey } from './span-events.js';

describe('planTraceWrite', () => {
  const child = makeSpan({ spanId: 'c', parentSpanId: 'r', startMs: 5, input: 'Question?' });
  const root = makeSpan({ spanId: 'r', startMs: 0 });
  const events = { spans: new Map([[spanKey(child), child]]), consumed: [], pending: [] };

  it('plans the spans and a record per touched trace: summary, facets, no findings unclassified', () => {
    const plan = planTraceWrite(events, assembleTraces([child], [root]));
    expect(plan.spans).toEqual([child]);
    expect(plan.traces).toHaveLength(1);
    expect(plan.traces[0]?.summary).toMatchObject({ traceId: 't1', rootSpanId: 'r', spanCount: 2 });
    expect(plan.traces[0]?.facets.searchText).toBe('question?');
    expect(plan.traces[0]).not.toHaveProperty('findings');
  });

  it('classifies each trace with its spans in tree order and its session context', () => {
    const seen: ClassifiableTrace[] = [];
    const session: Span[] = [makeSpan({ traceId: 't0', spanId: 'z' })];
    const plan = planTraceWrite(events, assembleTraces([child], [root]), {
      classifier: {
        classify: (trace) => {
          seen.push(trace);
          return [];
        },
      },
      sessionSpans: new Map([['p1\u0000t1', session]]),
    });
    expect(seen.map((t) => [t.traceId, t.spans.map((s) => s.spanId), t.sessionSpans])).toEqual([
      ['t1', ['r', 'c'], session],
    ]);
    expect(plan.traces[0]?.findings).toEqual([]);
  });
});
