import { describe, expect, it } from 'vitest';
import { columnsMinWidth, fitTraceColumns, TRACE_COLUMNS } from './trace-columns.js';

const ids = (width: number) => fitTraceColumns(width).columns.map((c) => c.id);

describe('fitTraceColumns', () => {
  it('shows every column when the table is wide', () => {
    expect(ids(1600)).toEqual(TRACE_COLUMNS.map((c) => c.id));
  });

  it('keeps Failures visible and within the table at desktop and phone widths', () => {
    // 1440 px window minus page padding; 390 px phone minus page padding and border.
    for (const width of [1406, 1100, 800, 356]) {
      const { columns } = fitTraceColumns(width);
      expect(columns.map((c) => c.id)).toContain('failures');
      expect(columnsMinWidth(columns)).toBeLessThanOrEqual(width);
    }
  });

  it('drops the lowest-ranked columns first and keeps display order', () => {
    expect(ids(356)).toEqual(['name', 'status', 'failures']);
    const medium = ids(800);
    expect(medium).not.toContain('tokens');
    expect(medium).toContain('time');
    expect(medium.indexOf('name')).toBeLessThan(medium.indexOf('failures'));
  });

  it('never drops the essential columns, even when they cannot fit', () => {
    expect(ids(100)).toEqual(['name', 'status', 'failures']);
  });

  it('gives growing columns a flexible track and fixed ones a fixed track', () => {
    const { template } = fitTraceColumns(356);
    expect(template).toBe('minmax(110px, 3fr) 62px minmax(110px, 1.4fr)');
  });
});
