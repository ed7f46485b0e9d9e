import { useEffect, useState, type KeyboardEvent } from 'react';
import type { TraceSummary } from '@glassbox/core/model';
import { CategoryBadge, StatusBadge } from '../../components/badges.js';
import { VirtualList } from '../../components/virtual-list.js';
import { moveSelection } from '../../view-model/move-selection.js';
import { Link } from '../../router/link.js';
import { paths } from '../../router/match-route.js';
import {
  formatCost,
  formatDuration,
  formatTimestamp,
  formatTokens,
} from '../../view-model/format.js';
import type { TraceFilters } from '../../view-model/trace-filters.js';

const ROW_HEIGHT = 34;
const COLUMNS = [
  'Time',
  'Name',
  'Session',
  'User',
  'Model',
  'Latency',
  'Tokens',
  'Cost',
  'Status',
  'Failures',
];

/**
 * The traces table. Keyboard: ↑/↓ or j/k move, Enter opens; clicking a session, user or model
 * filters by it.
 */
export function TracesTable(props: {
  items: TraceSummary[];
  loading: boolean;
  onOpen: (traceId: string) => void;
  onFilter: (patch: Partial<TraceFilters>) => void;
}) {
  const { items } = props;
  const [active, setActive] = useState(0);
  useEffect(() => setActive(0), [items]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = moveSelection(event.key, active, items.length);
    if (next !== undefined) {
      event.preventDefault();
      setActive(next);
    } else if (event.key === 'Enter' && items[active]) {
      event.preventDefault();
      props.onOpen(items[active].traceId);
    }
  };

  return (
    <div
      className={`table traces-table ${props.loading ? 'is-loading' : ''}`}
      aria-busy={props.loading}
    >
      <div className="table-head" role="row">
        {COLUMNS.map((c) => (
          <span key={c} role="columnheader" className={`col-${c.toLowerCase()}`}>
            {c}
          </span>
        ))}
      </div>
      {props.loading && items.length === 0 ? (
        <div className="table-loading" role="status">
          Loading traces…
        </div>
      ) : null}
      <VirtualList
        items={items}
        rowHeight={ROW_HEIGHT}
        activeIndex={active}
        onKeyDown={onKeyDown}
        label="Traces. Arrow keys move, Enter opens."
        role="grid"
        testId="traces-table"
        renderRow={(item, index) => (
          <TraceRow
            key={item.traceId}
            item={item}
            active={index === active}
            onSelect={() => setActive(index)}
            onFilter={props.onFilter}
          />
        )}
      />
    </div>
  );
}

function TraceRow(props: {
  item: TraceSummary;
  active: boolean;
  onSelect: () => void;
  onFilter: (patch: Partial<TraceFilters>) => void;
}) {
  const { item } = props;
  const filterLink = (patch: Partial<TraceFilters>, text: string, title: string) => (
    <button
      type="button"
      className="cell-link"
      tabIndex={-1}
      title={title}
      onClick={() => props.onFilter(patch)}
    >
      {text}
    </button>
  );
  return (
    <div
      className={`table-row ${props.active ? 'active' : ''} ${item.status === 'error' ? 'row-error' : ''}`}
      role="row"
      aria-selected={props.active}
      data-trace-id={item.traceId}
      onMouseDown={props.onSelect}
    >
      <span role="gridcell" className="col-time mono">
        {formatTimestamp(item.startMs)}
      </span>
      <span role="gridcell" className="col-name">
        <Link href={paths.trace(item.traceId)} tabIndex={-1} title={item.input ?? item.rootName}>
          {item.rootName ?? item.traceId.slice(0, 12)}
        </Link>
        {item.input ? <span className="muted preview"> {item.input}</span> : null}
      </span>
      <span role="gridcell" className="col-session">
        {item.sessionId
          ? filterLink({ sessionId: item.sessionId }, item.sessionId, 'Filter by this session')
          : ''}
      </span>
      <span role="gridcell" className="col-user">
        {item.userId ? filterLink({ userId: item.userId }, item.userId, 'Filter by this user') : ''}
      </span>
      <span role="gridcell" className="col-model">
        {item.models[0]
          ? filterLink({ model: item.models[0] }, item.models.join(', '), 'Filter by this model')
          : ''}
      </span>
      <span role="gridcell" className="col-latency num">
        {formatDuration(item.durationMs)}
      </span>
      <span role="gridcell" className="col-tokens num">
        {formatTokens(item.usage.total)}
      </span>
      <span role="gridcell" className="col-cost num">
        {formatCost(item.costUsd)}
      </span>
      <span role="gridcell" className="col-status">
        <StatusBadge status={item.status} />
      </span>
      <span role="gridcell" className="col-failures">
        {(item.categories ?? []).map((c) => (
          <CategoryBadge key={c} category={c} />
        ))}
      </span>
    </div>
  );
}
