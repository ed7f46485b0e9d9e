import { describe, expect, it } from 'vitest';
import { sessionTimeline } from './session-timeline.js';

const turn = (traceId: string, startMs: number, durationMs: number, extra = {}) => ({
  traceId,
  startMs,
  durationMs,
  status: 'unset' as const,
  ...extra,
});

describe('sessionTimeline', () => {
  it('places turns oldest first on one axis with their outcome', () => {
    const marks = sessionTimeline([
      turn('b', 1000, 500, { categories: ['empty_output'] }),
      turn('a', 0, 100),
      turn('c', 1500, 500, { status: 'error' }),
    ]);
    expect(marks.map((m) => [m.traceId, m.turn, m.outcome])).toEqual([
      ['a', 1, 'ok'],
      ['b', 2, 'failed'],
      ['c', 3, 'error'],
    ]);
    expect(marks[0]).toMatchObject({ leftPct: 0, widthPct: 5 });
    expect(marks[1]).toMatchObject({ leftPct: 50, widthPct: 25 });
    for (const m of marks) expect(m.leftPct + m.widthPct).toBeLessThanOrEqual(100);
  });

  it('keeps instant turns visible and handles one turn or none', () => {
    const [only] = sessionTimeline([turn('a', 5, 0)]);
    expect(only).toMatchObject({ leftPct: 0, widthPct: 0.8 });
    expect(sessionTimeline([])).toEqual([]);
  });
});
