import type { Finding } from '@glassbox/core/classify';
import type { SpanOutline, TraceSummary } from '@glassbox/core/model';
import { useMemo, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { VirtualList } from '../../components/virtual-list.js';
import { moveSelection } from '../../view-model/move-selection.js';
import { formatDuration } from '../../view-model/format.js';
import {
  ancestorsOf,
  visibleRows,
  type SpanRow,
  type SpanTree,
} from '../../view-model/span-tree.js';
import { createTimeAxis, type TimeAxis } from '../../view-model/time-axis.js';

const ROW_HEIGHT = 26;

/**
 * The span tree on one time axis, virtualized. Keyboard: ↑/↓ move, ← collapses or goes to the
 * parent, → expands or goes to the first child.
 */
export function Waterfall(props: {
  tree: SpanTree<SpanOutline>;
  trace: TraceSummary;
  selectedId: string | undefined;
  flagged: ReadonlyMap<string, Finding['severity']>;
  onSelect: (spanId: string) => void;
}) {
  const { tree, selectedId } = props;
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const rows = useMemo(() => {
    // A selected span is never hidden inside a collapsed parent.
    const hidden = selectedId
      ? ancestorsOf(tree, selectedId).filter((id) => collapsed.has(id))
      : [];
    const effective = hidden.length
      ? new Set([...collapsed].filter((id) => !hidden.includes(id)))
      : collapsed;
    return visibleRows(tree, effective);
  }, [tree, collapsed, selectedId]);
  const axis = useMemo(() => {
    let start = props.trace.startMs;
    let end = props.trace.endMs;
    for (const span of tree.byId.values()) {
      start = Math.min(start, span.startMs);
      end = Math.max(end, span.startMs + span.durationMs);
    }
    return createTimeAxis(start, end, 6);
  }, [tree, props.trace]);
  const activeIndex = rows.findIndex((r) => r.span.spanId === selectedId);

  const toggle = (spanId: string, open?: boolean) => {
    const next = new Set(collapsed);
    const isOpen = !collapsed.has(spanId);
    if (open ?? !isOpen) next.delete(spanId);
    else next.add(spanId);
    setCollapsed(next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const row = rows[activeIndex];
    const next = moveSelection(event.key, Math.max(activeIndex, 0), rows.length, 20);
    if (next !== undefined) {
      event.preventDefault();
      const target = rows[next];
      if (target) props.onSelect(target.span.spanId);
      return;
    }
    if (!row) return;
    if (event.key === 'ArrowLeft') {
      event.preventDefault();
      if (row.childCount > 0 && !collapsed.has(row.span.spanId)) toggle(row.span.spanId, false);
      else if (row.span.parentSpanId && tree.byId.has(row.span.parentSpanId))
        props.onSelect(row.span.parentSpanId);
    } else if (event.key === 'ArrowRight') {
      event.preventDefault();
      if (collapsed.has(row.span.spanId)) toggle(row.span.spanId, true);
      else if (row.childCount > 0 && rows[activeIndex + 1])
        props.onSelect(rows[activeIndex + 1]!.span.spanId);
    }
  };

  return (
    <div className="waterfall">
      <div className="waterfall-head">
        <span className="wf-name">
          Span <span className="muted">({tree.byId.size.toLocaleString('en-US')})</span>
        </span>
        <div className="wf-track wf-axis" aria-hidden="true">
          {axis.ticks.map((t) => (
            <span key={t.offsetMs} className="tick" style={{ left: `${t.fraction * 100}%` }}>
              {t.offsetMs === 0 ? '0' : formatDuration(t.offsetMs)}
            </span>
          ))}
        </div>
      </div>
      <VirtualList
        items={rows}
        rowHeight={ROW_HEIGHT}
        activeIndex={activeIndex}
        onKeyDown={onKeyDown}
        role="treegrid"
        label="Spans. Arrow keys move, left and right collapse and expand."
        testId="waterfall"
        renderRow={(row) => (
          <WaterfallRow
            key={row.span.spanId}
            row={row}
            axis={axis}
            selected={row.span.spanId === selectedId}
            collapsed={collapsed.has(row.span.spanId)}
            severity={props.flagged.get(row.span.spanId)}
            onSelect={props.onSelect}
            onToggle={toggle}
          />
        )}
      />
    </div>
  );
}

function WaterfallRow(props: {
  row: SpanRow<SpanOutline>;
  axis: TimeAxis;
  selected: boolean;
  collapsed: boolean;
  severity: Finding['severity'] | undefined;
  onSelect: (spanId: string) => void;
  onToggle: (spanId: string) => void;
}) {
  const { row, axis } = props;
  const { span } = row;
  const left = axis.position(span.startMs);
  const width = Math.min(axis.extent(span.durationMs), 1 - left);
  const ttft =
    span.timeToFirstTokenMs !== undefined && span.durationMs > 0
      ? Math.min(1, span.timeToFirstTokenMs / span.durationMs)
      : undefined;
  return (
    <div
      className={`wf-row ${props.selected ? 'selected' : ''} status-${span.status}`}
      role="row"
      aria-selected={props.selected}
      aria-level={row.depth + 1}
      aria-expanded={row.childCount > 0 ? !props.collapsed : undefined}
      data-span-id={span.spanId}
      onClick={() => props.onSelect(span.spanId)}
    >
      <span
        role="gridcell"
        className="wf-name"
        style={{ paddingLeft: 6 + Math.min(row.depth, 40) * 14 }}
      >
        {row.childCount > 0 ? (
          <button
            type="button"
            className="caret"
            tabIndex={-1}
            aria-label={props.collapsed ? 'Expand' : 'Collapse'}
            onClick={(e) => {
              e.stopPropagation();
              props.onToggle(span.spanId);
            }}
          >
            {props.collapsed ? '▸' : '▾'}
          </button>
        ) : (
          <span className="caret-space" />
        )}
        <span className={`kind-dot kind-${span.kind}`} title={span.kind} />
        <span className="wf-label" title={span.name}>
          {span.name}
        </span>
        {props.severity ? (
          <span className={`flag severity-${props.severity}`} title={`${props.severity} finding`} />
        ) : null}
      </span>
      <span role="gridcell" className="wf-track">
        <span
          className={`bar kind-${span.kind} ${span.status === 'error' ? 'bar-error' : ''}`}
          style={{ left: `${left * 100}%`, width: `${width * 100}%` }}
        >
          {ttft !== undefined ? (
            <span
              className="ttft"
              style={{ left: `${ttft * 100}%` }}
              title={`first token at ${formatDuration(span.timeToFirstTokenMs)}`}
            />
          ) : null}
        </span>
        <span className="bar-label" style={labelPosition(left, width)}>
          {formatDuration(span.durationMs)}
        </span>
      </span>
    </div>
  );
}

/** Duration labels sit after the bar, or before it when the bar reaches the right edge. */
function labelPosition(left: number, width: number): CSSProperties {
  if (left + width <= 0.85) return { left: `${(left + width) * 100}%`, marginLeft: 5 };
  if (left >= 0.12) return { right: `${(1 - left) * 100}%`, marginRight: 5 };
  return { left: `${left * 100}%`, marginLeft: 5, color: '#fff' };
}
