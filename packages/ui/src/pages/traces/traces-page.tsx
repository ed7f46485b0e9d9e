import {
  DEFAULT_TEXT_SCOPE,
  TEXT_SCOPES,
  traceOutcome,
  type TextScope,
  type TraceSummary,
} from '@glassbox/core/model';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/api-client.js';
import { useApi } from '../../api/use-api.js';
import { EmptyState, ErrorState } from '../../components/states.js';
import { Link } from '../../router/link.js';
import { paths } from '../../router/match-route.js';
import { navigate } from '../../router/use-location.js';
import {
  filtersToApiQuery,
  filtersToSearch,
  hasActiveFilters,
  parseFilters,
  type TraceFilters,
} from '../../view-model/trace-filters.js';
import { SendFirstTrace } from '../send-first-trace.js';
import { AddToDatasetButton } from '../trace/add-to-dataset-button.js';
import { TraceFiltersBar } from './trace-filters-bar.js';
import { TracesTable } from './traces-table.js';

const PAGE_SIZE = 100;

/**
 * The traces list: filters and search in the URL, a virtualized table, cursor paging, and a
 * selection of rows (kept per page) that can be added to a dataset at once.
 */
export function TracesPage(props: { search: string }) {
  const filters = useMemo(() => parseFilters(props.search), [props.search]);
  const [reload, setReload] = useState(0);
  const [newer, setNewer] = useState<string[]>([]);
  const key = `${filtersToSearch(filters)}#${reload}`;
  const search = filters.q
    ? {
        q: filters.q,
        scope: (TEXT_SCOPES as readonly string[]).includes(filters.scope ?? '')
          ? (filters.scope as TextScope)
          : DEFAULT_TEXT_SCOPE,
      }
    : undefined;
  const state = useApi(key, (signal) =>
    api.listTraces(filtersToApiQuery(filters, Date.now(), PAGE_SIZE), signal),
  );
  const items = state.status === 'ok' ? state.data.items : [];
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => setSelected(new Set()), [key]);
  const select = (traceIds: readonly string[], on: boolean) => {
    const next = new Set(selected);
    for (const id of traceIds) {
      if (on) next.add(id);
      else next.delete(id);
    }
    setSelected(next);
  };

  const apply = (next: TraceFilters) => {
    setNewer([]);
    navigate(paths.traces(filtersToSearch({ ...next, cursor: undefined })));
  };
  const goOlder = (cursor: string) => {
    setNewer([...newer, filters.cursor ?? '']);
    navigate(paths.traces(filtersToSearch({ ...filters, cursor })));
  };
  const goNewer = () => {
    const previous = newer[newer.length - 1];
    setNewer(newer.slice(0, -1));
    navigate(paths.traces(filtersToSearch({ ...filters, cursor: previous || undefined })));
  };

  return (
    <div className="traces-page">
      <div className="page-head">
        <h1>Traces</h1>
        <button
          type="button"
          className="ghost"
          onClick={() => setReload(reload + 1)}
          title="Reload the list"
        >
          ↻ Refresh
        </button>
      </div>
      <TraceFiltersBar filters={filters} onChange={apply} />
      {filters.sessionId ? (
        <p className="note">
          Traces of session <code>{filters.sessionId}</code>.{' '}
          <Link href={paths.session(filters.sessionId)}>Read it as a conversation →</Link>
        </p>
      ) : null}
      {state.status === 'error' ? (
        <ErrorState error={state.error} what="traces" />
      ) : state.status === 'ok' && state.data.items.length === 0 ? (
        hasActiveFilters(filters) || filters.cursor ? (
          <EmptyState title="No traces match these filters">
            <p>Widen the time range, remove a filter, or search for different words.</p>
            <button type="button" onClick={() => apply({ tag: [], version: [] })}>
              Clear all filters
            </button>
          </EmptyState>
        ) : (
          <EmptyState title="No traces yet">
            <SendFirstTrace />
          </EmptyState>
        )
      ) : (
        <>
          <SelectionBar
            items={items}
            selected={selected}
            onSelect={select}
            onClear={() => setSelected(new Set())}
          />
          <TracesTable
            items={items}
            loading={state.status === 'loading'}
            {...(search ? { search } : {})}
            selected={selected}
            onSelect={select}
            onOpen={(traceId) =>
              navigate(
                search
                  ? `${paths.trace(traceId)}?${new URLSearchParams({ q: search.q, scope: search.scope })}`
                  : paths.trace(traceId),
              )
            }
            onFilter={(patch) => apply({ ...filters, ...patch })}
          />
        </>
      )}
      {state.status === 'ok' && state.data.items.length === 0 && !filters.cursor ? null : (
        <div className="pager" aria-label="Pages">
          <button type="button" onClick={goNewer} disabled={!filters.cursor}>
            ← Newer
          </button>
          <span className="muted">
            {state.status === 'ok' ? `${state.data.items.length} traces on this page` : ''}
          </span>
          <button
            type="button"
            data-testid="older"
            disabled={state.status !== 'ok' || !state.data.nextCursor}
            onClick={() =>
              state.status === 'ok' && state.data.nextCursor && goOlder(state.data.nextCursor)
            }
          >
            Older →
          </button>
        </div>
      )}
    </div>
  );
}

/** Bulk actions on the selected rows: select this page's failing traces, add them to a dataset. */
function SelectionBar(props: {
  items: readonly TraceSummary[];
  selected: ReadonlySet<string>;
  onSelect: (traceIds: readonly string[], selected: boolean) => void;
  onClear: () => void;
}) {
  const failing = props.items.filter((i) => traceOutcome(i) !== 'ok').map((i) => i.traceId);
  const chosen = props.items.map((i) => i.traceId).filter((id) => props.selected.has(id));
  return (
    <div className="selection-bar" data-testid="selection-bar">
      <button
        type="button"
        className="ghost"
        disabled={failing.length === 0}
        onClick={() => props.onSelect(failing, true)}
        data-testid="select-failing"
      >
        Select failing ({failing.length})
      </button>
      <span className="muted" data-testid="selected-count">
        {chosen.length} selected
      </span>
      {chosen.length > 0 ? (
        <button type="button" className="ghost" onClick={props.onClear}>
          Clear
        </button>
      ) : null}
      <AddToDatasetButton
        key={chosen.join(',')}
        traceIds={chosen}
        label={`${chosen.length} selected trace${chosen.length === 1 ? '' : 's'}`}
      />
    </div>
  );
}
