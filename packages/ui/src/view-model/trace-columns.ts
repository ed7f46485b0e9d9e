/** A column of the traces table: its smallest useful width, its share of spare width, and
 * its rank (1 = never dropped first). */
export interface TraceColumn {
  id:
    | 'time'
    | 'name'
    | 'session'
    | 'user'
    | 'model'
    | 'latency'
    | 'tokens'
    | 'cost'
    | 'status'
    | 'failures';
  label: string;
  minPx: number;
  grow: number;
  priority: number;
  numeric?: boolean;
}

/** Every column in display order. Name, Status and Failures outrank the rest: they say what
 * happened, so a narrow screen drops tokens, user and the like before them. */
export const TRACE_COLUMNS: readonly TraceColumn[] = [
  { id: 'time', label: 'Time', minPx: 138, grow: 0, priority: 4 },
  { id: 'name', label: 'Name', minPx: 110, grow: 3, priority: 1 },
  { id: 'session', label: 'Session', minPx: 90, grow: 1, priority: 7 },
  { id: 'user', label: 'User', minPx: 80, grow: 0.8, priority: 9 },
  { id: 'model', label: 'Model', minPx: 100, grow: 1, priority: 6 },
  { id: 'latency', label: 'Latency', minPx: 64, grow: 0, priority: 5, numeric: true },
  { id: 'tokens', label: 'Tokens', minPx: 58, grow: 0, priority: 10, numeric: true },
  { id: 'cost', label: 'Cost', minPx: 66, grow: 0, priority: 8, numeric: true },
  { id: 'status', label: 'Status', minPx: 62, grow: 0, priority: 3 },
  { id: 'failures', label: 'Failures', minPx: 110, grow: 1.4, priority: 2 },
];

/** The columns that are always shown, however narrow the table. */
export const ESSENTIAL_PRIORITY = 3;

/** Space a row spends outside its cells: the gap between cells and the row's side padding. */
export const COLUMN_GAP_PX = 10;
export const ROW_PADDING_PX = 20;

/** The width `columns` need at their minimum sizes, padding and gaps included. */
export function columnsMinWidth(columns: readonly TraceColumn[]): number {
  const cells = columns.reduce((sum, c) => sum + c.minPx, 0);
  return cells + Math.max(0, columns.length - 1) * COLUMN_GAP_PX + ROW_PADDING_PX;
}

/**
 * The columns that fit in `widthPx`, in display order, and their CSS grid template: the
 * lowest-ranked columns are dropped until the rest fit at their minimum widths; the
 * essential ones (name, status, failures) always stay. Spare width goes to the growing
 * columns, so nothing overflows the table's card.
 *
 * @example
 * fitTraceColumns(390).columns.map((c) => c.id); // ['name', 'status', 'failures']
 */
export function fitTraceColumns(widthPx: number): { columns: TraceColumn[]; template: string } {
  const kept = [...TRACE_COLUMNS];
  const byRank = [...TRACE_COLUMNS].sort((a, b) => b.priority - a.priority);
  for (const column of byRank) {
    if (columnsMinWidth(kept) <= widthPx || column.priority <= ESSENTIAL_PRIORITY) break;
    kept.splice(kept.indexOf(column), 1);
  }
  const template = kept
    .map((c) => (c.grow > 0 ? `minmax(${c.minPx}px, ${c.grow}fr)` : `${c.minPx}px`))
    .join(' ');
  return { columns: kept, template };
}
