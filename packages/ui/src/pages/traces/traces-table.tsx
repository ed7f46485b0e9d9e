import { useEffect, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { TextScope, TraceSummary } from '@glassbox/core/model';
import { CategoryBadge } from '../../components/badges.js';
import { MarkedText } from '../../components/marked-text.js';
import { OutcomeBadge } from '../../components/outcome-badge.js';
import { useWidth } from '../../components/use-width.js';
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
import { matchSnippet } from '../../view-model/text-match.js';
import {
  COLUMN_GAP_PX,
  fitTraceColumns,
  type TraceColumn,
} from '../../view-model/trace-columns.js';
import type { TraceFilters } from '../../view-model/trace-filters.js';
import { ActiveTraceDetail } from './active-trace-detail.js';

const ROW_HEIGHT = 34;
/** The leading checkbox column, outside the fitted columns. */
const SELECT_PX = 22;

/** The search the list was filtered by, to mark its match in each row. */
export interface ListSearch {
  q: string;
  scope: TextScope;
}

/**
 * The traces table. Columns are fitted to the table's width by priority, so Name, Status and
 * Failures always show; every cut value carries its full text as a title, and the row under
 * the keyboard shows its full values below the table. Keyboard: ↑/↓ or j/k move, Enter opens,
 * x selects (for bulk actions); clicking a session, user or model filters by it.
 */
export function TracesTable(props: {
  items: TraceSummary[];
  loading: boolean;
  search?: ListSearch;
  selected: ReadonlySet<string>;
  onSelect: (traceIds: readonly string[], selected: boolean) => void;
  onOpen: (traceId: string) => void;
  onFilter: (patch: Partial<TraceFilters>) => void;
}) {
  const { items, selected } = props;
  const [active, setActive] = useState(0);
  const [focused, setFocused] = useState(false);
  const [ref, width] = useWidth(1200, 0);
  const fitted = fitTraceColumns(width - SELECT_PX - COLUMN_GAP_PX);
  const columns = fitted.columns;
  const template = `${SELECT_PX}px ${fitted.template}`;
  useEffect(() => setActive(0), [items]);
  const allSelected = items.length > 0 && items.every((i) => selected.has(i.traceId));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = moveSelection(event.key, active, items.length);
    if (next !== undefined) {
      event.preventDefault();
      setActive(next);
    } else if (event.key === 'Enter' && items[active]) {
      event.preventDefault();
      props.onOpen(items[active].traceId);
    } else if (event.key === 'x' && items[active]) {
      event.preventDefault();
      const id = items[active].traceId;
      props.onSelect([id], !selected.has(id));
    }
  };
  const activeItem = items[active];

  return (
    <>
      <div
        ref={ref}
        className={`table traces-table ${props.loading ? 'is-loading' : ''}`}
        aria-busy={props.loading}
        style={{ ['--cols' as string]: template }}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
      >
        <div className="table-head" role="row">
          <span role="columnheader" className="col-select">
            <input
              type="checkbox"
              aria-label="Select every trace on this page"
              checked={allSelected}
              onChange={() =>
                props.onSelect(
                  items.map((i) => i.traceId),
                  !allSelected,
                )
              }
            />
          </span>
          {columns.map((c) => (
            <span
              key={c.id}
              role="columnheader"
              className={`col-${c.id}${c.numeric ? ' num' : ''}`}
            >
              {c.label}
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
          label="Traces. Arrow keys move, Enter opens; the selected row's full values show below."
          role="grid"
          testId="traces-table"
          renderRow={(item, index) => (
            <TraceRow
              key={item.traceId}
              item={item}
              columns={columns}
              search={props.search}
              active={index === active}
              selected={selected.has(item.traceId)}
              onToggle={(on) => props.onSelect([item.traceId], on)}
              onSelect={() => setActive(index)}
              onFilter={props.onFilter}
            />
          )}
        />
      </div>
      {focused && activeItem ? <ActiveTraceDetail item={activeItem} /> : null}
    </>
  );
}

function TraceRow(props: {
  item: TraceSummary;
  columns: readonly TraceColumn[];
  search: ListSearch | undefined;
  active: boolean;
  selected: boolean;
  onToggle: (selected: boolean) => void;
  onSelect: () => void;
  onFilter: (patch: Partial<TraceFilters>) => void;
}) {
  const { item, search } = props;
  const filterLink = (patch: Partial<TraceFilters>, text: string, what: string) => (
    <button
      type="button"
      className="cell-link"
      tabIndex={-1}
      title={`${text}\nClick to filter by this ${what}`}
      onClick={() => props.onFilter(patch)}
    >
      {text}
    </button>
  );
  const categories = item.categories ?? [];
  const cells: Record<TraceColumn['id'], ReactNode> = {
    time: formatTimestamp(item.startMs),
    name: <NameCell item={item} search={search} />,
    session: item.sessionId
      ? filterLink({ sessionId: item.sessionId }, item.sessionId, 'session')
      : '',
    user: item.userId ? filterLink({ userId: item.userId }, item.userId, 'user') : '',
    model: item.models[0]
      ? filterLink({ model: item.models[0] }, item.models.join(', '), 'model')
      : '',
    latency: formatDuration(item.durationMs),
    tokens: formatTokens(item.usage.total),
    cost: formatCost(item.costUsd),
    status: <OutcomeBadge trace={item} />,
    failures: (
      <>
        {categories[0] ? <CategoryBadge category={categories[0]} /> : null}
        {categories.length > 1 ? <span className="more">+{categories.length - 1}</span> : null}
      </>
    ),
  };
  const titles: Partial<Record<TraceColumn['id'], string>> = {
    time: new Date(item.startMs).toISOString(),
    failures: categories.map((c) => c.replaceAll('_', ' ')).join(', '),
  };
  const outcomeClass = item.status === 'error' ? 'row-error' : '';
  return (
    <div
      className={`table-row ${props.active ? 'active' : ''} ${outcomeClass}`}
      role="row"
      aria-selected={props.active}
      data-trace-id={item.traceId}
      onMouseDown={props.onSelect}
    >
      <span role="gridcell" className="col-select">
        <input
          type="checkbox"
          tabIndex={-1}
          aria-label={`Select trace ${item.traceId}`}
          checked={props.selected}
          onChange={(e) => props.onToggle(e.target.checked)}
        />
      </span>
      {props.columns.map((c) => (
        <span
          key={c.id}
          role="gridcell"
          className={`col-${c.id}${c.numeric ? ' num' : ''}${c.id === 'time' ? ' mono' : ''}`}
          title={titles[c.id] || undefined}
          data-categories={c.id === 'failures' ? categories.join(' ') : undefined}
        >
          {cells[c.id]}
        </span>
      ))}
    </div>
  );
}

/** The root's name and a preview: the search match when searching, else the question. */
function NameCell(props: { item: TraceSummary; search: ListSearch | undefined }) {
  const { item, search } = props;
  const snippet = search
    ? ((search.scope !== 'output' ? matchSnippet(item.input, search.q, 30) : undefined) ??
      (search.scope !== 'input' ? matchSnippet(item.output, search.q, 30) : undefined))
    : undefined;
  const name = item.rootName ?? item.traceId.slice(0, 12);
  const href = search
    ? `${paths.trace(item.traceId)}?${new URLSearchParams({ q: search.q, scope: search.scope })}`
    : paths.trace(item.traceId);
  return (
    <>
      <Link href={href} tabIndex={-1} title={[name, item.input].filter(Boolean).join('\n')}>
        {name}
      </Link>
      {snippet ? (
        <span className="muted preview" data-testid="match-preview">
          {' '}
          <MarkedText segments={snippet} />
        </span>
      ) : item.input ? (
        <span className="muted preview"> {item.input}</span>
      ) : null}
    </>
  );
}
