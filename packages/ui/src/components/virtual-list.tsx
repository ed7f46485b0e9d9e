import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { computeWindow, scrollToReveal } from '../view-model/virtual-window.js';

interface VirtualListProps<T> {
  items: readonly T[];
  rowHeight: number;
  renderRow: (item: T, index: number) => ReactNode;
  /** The row to keep in view (the keyboard selection). */
  activeIndex?: number;
  onKeyDown?: (event: KeyboardEvent<HTMLDivElement>) => void;
  className?: string;
  label: string;
  role?: string;
  testId?: string;
}

/**
 * A scrolling list that renders only the rows in view (fixed row height), so 10,000 rows
 * cost the same as 40. The container is focusable; keys go to `onKeyDown`.
 */
export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, rowHeight, activeIndex } = props;
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(600);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    setViewportHeight(element.clientHeight);
    const observer = new ResizeObserver(() => setViewportHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = ref.current;
    if (!element || activeIndex === undefined || activeIndex < 0) return;
    const target = scrollToReveal(activeIndex, element.scrollTop, element.clientHeight, rowHeight);
    if (target !== undefined) element.scrollTop = target;
  }, [activeIndex, rowHeight]);

  const slice = computeWindow({ scrollTop, viewportHeight, rowHeight, count: items.length });
  const rows: ReactNode[] = [];
  for (let i = slice.start; i < slice.end; i++) rows.push(props.renderRow(items[i]!, i));

  return (
    <div
      ref={ref}
      className={`vlist ${props.className ?? ''}`}
      tabIndex={0}
      role={props.role ?? 'list'}
      aria-label={props.label}
      aria-rowcount={props.role === 'treegrid' || props.role === 'grid' ? items.length : undefined}
      data-testid={props.testId}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onKeyDown={props.onKeyDown}
    >
      <div style={{ height: slice.totalHeight, position: 'relative' }}>
        <div style={{ position: 'absolute', top: slice.offsetTop, left: 0, right: 0 }}>{rows}</div>
      </div>
    </div>
  );
}
