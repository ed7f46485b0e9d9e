/** The slice of a fixed-height list to render for a scroll position. */
export interface VirtualWindow {
  start: number;
  /** Exclusive. */
  end: number;
  offsetTop: number;
  totalHeight: number;
}

/**
 * Which rows of a fixed-row-height list are visible, plus `overscan` rows each side so fast
 * scrolling does not show blanks.
 *
 * @example
 * computeWindow({ scrollTop: 240, viewportHeight: 480, rowHeight: 24, count: 10_000, overscan: 5 });
 * // { start: 5, end: 35, offsetTop: 120, totalHeight: 240000 }
 */
export function computeWindow(input: {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  count: number;
  overscan?: number;
}): VirtualWindow {
  const { rowHeight, count } = input;
  const overscan = input.overscan ?? 8;
  const first = Math.floor(Math.max(0, input.scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, input.viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(first - overscan, count));
  const end = Math.min(count, first + visible + overscan);
  return {
    start,
    end: Math.max(start, end),
    offsetTop: start * rowHeight,
    totalHeight: count * rowHeight,
  };
}

/** The scrollTop that brings row `index` into view, or undefined when it already is. */
export function scrollToReveal(
  index: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
): number | undefined {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewportHeight) return top + rowHeight - viewportHeight;
  return undefined;
}
