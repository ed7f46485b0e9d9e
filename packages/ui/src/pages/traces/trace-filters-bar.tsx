import { FAILURE_CATEGORIES, LAYERS } from '@glassbox/core/classify';
import { LAYER_LABELS } from '@glassbox/core/diagnose';
import {
  DEFAULT_TEXT_SCOPE,
  SPAN_KINDS,
  TEXT_SCOPES,
  TRACE_OUTCOMES,
  type TextScope,
} from '@glassbox/core/model';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  instantToLocalInput,
  localInputToInstant,
  TIME_RANGES,
  type TimeRange,
  type TraceFilters,
} from '../../view-model/trace-filters.js';

const RANGE_LABELS: Record<TimeRange, string> = {
  '15m': 'Last 15 minutes',
  '1h': 'Last hour',
  '6h': 'Last 6 hours',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
};

/** What each search scope looks at, in the words of the selector. */
export const SCOPE_LABELS: Record<TextScope, string> = {
  io: 'Input + output',
  input: 'Input',
  output: 'Output',
  all: 'Everything',
};

const SCOPE_TITLES: Record<TextScope, string> = {
  io: "The trace's question and its answer",
  input: "The trace's question only",
  output: "The trace's answer only",
  all: 'Every span: system prompts, retrieved documents, tool calls too',
};

interface Draft {
  q: string;
  model: string;
  sessionId: string;
  userId: string;
  tags: string;
  versions: string;
  from: string;
  to: string;
}

function draftOf(filters: TraceFilters): Draft {
  return {
    q: filters.q ?? '',
    model: filters.model ?? '',
    sessionId: filters.sessionId ?? '',
    userId: filters.userId ?? '',
    tags: filters.tag.join(', '),
    versions: filters.version.join(', '),
    from: instantToLocalInput(filters.from),
    to: instantToLocalInput(filters.to),
  };
}

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const orUndefined = (text: string) => text.trim() || undefined;

/**
 * Filters and free-text search. Selects apply at once; text fields apply on Enter (or the
 * Apply button). Press "/" anywhere to jump to the search box.
 */
export function TraceFiltersBar(props: {
  filters: TraceFilters;
  onChange: (filters: TraceFilters) => void;
}) {
  const { filters } = props;
  const [draft, setDraft] = useState<Draft>(() => draftOf(filters));
  const [customRange, setCustomRange] = useState(Boolean(filters.from || filters.to));
  // At phone width the less used filters fold away behind a toggle (CSS keeps them on desktop).
  const [expanded, setExpanded] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    setDraft(draftOf(filters));
    if (filters.from || filters.to) setCustomRange(true);
  }, [filters]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
      if (event.key === '/' && !typing) {
        event.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onChange({
      ...filters,
      q: orUndefined(draft.q),
      model: orUndefined(draft.model),
      sessionId: orUndefined(draft.sessionId),
      userId: orUndefined(draft.userId),
      tag: list(draft.tags),
      version: list(draft.versions),
      ...(customRange
        ? {
            range: undefined,
            from: localInputToInstant(draft.from),
            to: localInputToInstant(draft.to),
          }
        : {}),
    });
  };
  const chooseRange = (value: string) => {
    if (value === 'custom') {
      setCustomRange(true);
      return;
    }
    setCustomRange(false);
    props.onChange({
      ...filters,
      from: undefined,
      to: undefined,
      range: (value || undefined) as TimeRange | undefined,
    });
  };
  const select = (key: 'outcome' | 'kind' | 'category' | 'layer' | 'scope', value: string) =>
    props.onChange({ ...filters, q: orUndefined(draft.q), [key]: value || undefined });
  const scope = (TEXT_SCOPES as readonly string[]).includes(filters.scope ?? '')
    ? (filters.scope as TextScope)
    : DEFAULT_TEXT_SCOPE;
  const text = (key: keyof Draft, label: string, placeholder: string) => (
    <label className="field">
      <span>{label}</span>
      <input
        name={key}
        value={draft[key]}
        placeholder={placeholder}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
      />
    </label>
  );

  return (
    <form
      className={`filters ${expanded ? 'expanded' : ''}`}
      role="search"
      onSubmit={submit}
      aria-label="Trace filters"
    >
      <div className="filters-row">
        <input
          ref={searchRef}
          className="search"
          type="search"
          name="q"
          aria-label={`Search ${SCOPE_LABELS[scope].toLowerCase()}`}
          placeholder="Search questions and answers…  ( / )"
          value={draft.q}
          onChange={(e) => setDraft({ ...draft, q: e.target.value })}
        />
        <label className="field">
          <span>In</span>
          <select
            name="scope"
            aria-label="Search scope"
            title={SCOPE_TITLES[scope]}
            value={scope}
            onChange={(e) =>
              select('scope', e.target.value === DEFAULT_TEXT_SCOPE ? '' : e.target.value)
            }
          >
            {TEXT_SCOPES.map((s) => (
              <option key={s} value={s} title={SCOPE_TITLES[s]}>
                {SCOPE_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Time</span>
          <select
            name="range"
            value={customRange ? 'custom' : (filters.range ?? '')}
            onChange={(e) => chooseRange(e.target.value)}
          >
            <option value="">Any time</option>
            {(Object.keys(TIME_RANGES) as TimeRange[]).map((r) => (
              <option key={r} value={r}>
                {RANGE_LABELS[r]}
              </option>
            ))}
            <option value="custom">Custom range…</option>
          </select>
        </label>
        {customRange ? (
          <>
            <label className="field">
              <span>From</span>
              <input
                type="datetime-local"
                name="from"
                value={draft.from}
                onChange={(e) => setDraft({ ...draft, from: e.target.value })}
              />
            </label>
            <label className="field">
              <span>To</span>
              <input
                type="datetime-local"
                name="to"
                value={draft.to}
                onChange={(e) => setDraft({ ...draft, to: e.target.value })}
              />
            </label>
          </>
        ) : null}
        <label className="field">
          <span>Status</span>
          <select
            name="outcome"
            title="ok: no error, no failure found; failed: Glassbox found a failure; error: a span errored"
            value={filters.outcome ?? ''}
            onChange={(e) => select('outcome', e.target.value)}
          >
            <option value="">Any</option>
            {TRACE_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
        <label className="field optional">
          <span>Kind</span>
          <select
            name="kind"
            value={filters.kind ?? ''}
            onChange={(e) => select('kind', e.target.value)}
          >
            <option value="">Any</option>
            {SPAN_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <label className="field optional">
          <span>Failure</span>
          <select
            name="category"
            value={filters.category ?? ''}
            onChange={(e) => select('category', e.target.value)}
          >
            <option value="">Any</option>
            {Object.entries(FAILURE_CATEGORIES).map(([c, info]) => (
              <option key={c} value={c} title={info.title}>
                {c.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
        </label>
        <label className="field optional">
          <span>Layer</span>
          <select
            name="layer"
            value={filters.layer ?? ''}
            onChange={(e) => select('layer', e.target.value)}
          >
            <option value="">Any</option>
            {LAYERS.map((layer) => (
              <option key={layer} value={layer}>
                {LAYER_LABELS[layer]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <button
        type="button"
        className="ghost filters-toggle"
        aria-expanded={expanded}
        onClick={() => setExpanded(!expanded)}
      >
        {expanded ? 'Fewer filters' : 'More filters'}
      </button>
      <div className="filters-row optional">
        {text('model', 'Model', 'gpt-4o')}
        {text('sessionId', 'Session', 'session id')}
        {text('userId', 'User', 'user id')}
        {text('tags', 'Tags', 'beta, eu')}
        {text('versions', 'Versions', 'prompt:v3, index:2025-01')}
        <button type="submit" className="primary">
          Apply
        </button>
        <button
          type="button"
          className="ghost"
          onClick={() => {
            setCustomRange(false);
            props.onChange({ tag: [], version: [] });
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
