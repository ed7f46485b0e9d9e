import type { SummarySpan } from '@glassbox/core/ingest';
import type { Span, SpanKind, SpanOutline, SpanStatus, TokenUsage } from '@glassbox/core/model';
import type { SpansTable } from './database-schema.js';

const json = (value: unknown): string => JSON.stringify(value);
const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

/**
 * The row a span is stored as.
 *
 * @example
 * await db.insertInto('spans').values(spans.map(spanToRow)).execute();
 */
export function spanToRow(span: Span): SpansTable {
  return {
    project_id: span.projectId,
    trace_id: span.traceId,
    span_id: span.spanId,
    parent_span_id: orNull(span.parentSpanId),
    name: span.name,
    kind: span.kind,
    start_ms: span.startMs,
    duration_ms: span.durationMs,
    start_ns: span.startTimeUnixNano,
    end_ns: span.endTimeUnixNano,
    status: span.status,
    status_message: orNull(span.statusMessage),
    service_name: orNull(span.serviceName),
    request_model: orNull(span.requestModel),
    response_model: orNull(span.responseModel),
    provider: orNull(span.provider),
    parameters: json(span.parameters),
    input_messages: json(span.inputMessages),
    output_messages: json(span.outputMessages),
    input: orNull(span.input),
    output: orNull(span.output),
    finish_reason: orNull(span.finishReason),
    input_tokens: orNull(span.usage.input),
    output_tokens: orNull(span.usage.output),
    cached_tokens: orNull(span.usage.cached),
    total_tokens: orNull(span.usage.total),
    cost_usd: orNull(span.costUsd),
    ttft_ms: orNull(span.timeToFirstTokenMs),
    tool: span.tool === undefined ? null : json(span.tool),
    tool_definitions: json(span.toolDefinitions),
    retrieval_query: orNull(span.retrievalQuery),
    documents: json(span.documents),
    session_id: orNull(span.sessionId),
    user_id: orNull(span.userId),
    prompt: span.prompt === undefined ? null : json(span.prompt),
    agent_name: orNull(span.agentName),
    tags: json(span.tags),
    metadata: json(span.metadata),
    versions: json(span.versions),
    resource: json(span.resource),
    scope: json(span.scope),
    attributes: json(span.attributes),
    events: json(span.events),
  };
}

/** Every column of the spans table, in one fixed order. */
export const SPAN_COLUMNS = Object.keys(
  spanToRow({
    usage: {},
    parameters: {},
  } as Span),
) as (keyof SpansTable)[];

/** The columns `rowToSpanOutline` reads. */
export const SPAN_OUTLINE_COLUMNS = [
  'span_id',
  'parent_span_id',
  'name',
  'kind',
  'start_ms',
  'duration_ms',
  'status',
  'ttft_ms',
] as const;

/** The columns `rowToSummarySpan` reads. */
export const SUMMARY_SPAN_COLUMNS = [
  'project_id',
  'trace_id',
  ...SPAN_OUTLINE_COLUMNS,
  'session_id',
  'user_id',
  'request_model',
  'response_model',
  'provider',
  'input',
  'output',
  'input_messages',
  'output_messages',
  'input_tokens',
  'output_tokens',
  'cached_tokens',
  'total_tokens',
  'cost_usd',
  'tags',
  'versions',
] as const satisfies readonly (keyof SpansTable)[];

type Row = Pick<SpansTable, (typeof SUMMARY_SPAN_COLUMNS)[number]>;

/** Sets `target[key]` only when the column held a value, so absent fields stay absent. */
function put<T, K extends keyof T>(target: T, key: K, value: T[K] | null): void {
  if (value !== null && value !== undefined) target[key] = value;
}

function num(value: number | string | bigint | null): number | undefined {
  return value === null ? undefined : Number(value);
}

function usageOf(row: Row): TokenUsage {
  const usage: TokenUsage = {};
  put(usage, 'input', num(row.input_tokens) ?? null);
  put(usage, 'output', num(row.output_tokens) ?? null);
  put(usage, 'cached', num(row.cached_tokens) ?? null);
  put(usage, 'total', num(row.total_tokens) ?? null);
  return usage;
}

/** The summary-relevant part of a stored span. */
export function rowToSummarySpan(row: Row): SummarySpan {
  const span: SummarySpan = {
    projectId: row.project_id,
    traceId: row.trace_id,
    ...rowToSpanOutline(row),
    inputMessages: JSON.parse(row.input_messages),
    outputMessages: JSON.parse(row.output_messages),
    usage: usageOf(row),
    tags: JSON.parse(row.tags),
    versions: JSON.parse(row.versions),
  };
  put(span, 'sessionId', row.session_id);
  put(span, 'userId', row.user_id);
  put(span, 'requestModel', row.request_model);
  put(span, 'responseModel', row.response_model);
  put(span, 'provider', row.provider);
  put(span, 'input', row.input);
  put(span, 'output', row.output);
  put(span, 'costUsd', num(row.cost_usd) ?? null);
  return span;
}

/** A stored span, exactly as it was written. */
export function rowToSpan(row: SpansTable): Span {
  const span: Span = {
    ...rowToSummarySpan(row),
    startTimeUnixNano: row.start_ns,
    endTimeUnixNano: row.end_ns,
    parameters: JSON.parse(row.parameters),
    toolDefinitions: JSON.parse(row.tool_definitions),
    documents: JSON.parse(row.documents),
    metadata: JSON.parse(row.metadata),
    resource: JSON.parse(row.resource),
    scope: JSON.parse(row.scope),
    attributes: JSON.parse(row.attributes),
    events: JSON.parse(row.events),
  };
  put(span, 'statusMessage', row.status_message);
  put(span, 'serviceName', row.service_name);
  put(span, 'finishReason', row.finish_reason);
  put(span, 'timeToFirstTokenMs', num(row.ttft_ms) ?? null);
  put(span, 'tool', row.tool === null ? null : JSON.parse(row.tool));
  put(span, 'retrievalQuery', row.retrieval_query);
  put(span, 'prompt', row.prompt === null ? null : JSON.parse(row.prompt));
  put(span, 'agentName', row.agent_name);
  return span;
}

/** The outline columns of a span row (see SpanOutline). */
export type SpanOutlineRow = Pick<SpansTable, (typeof SPAN_OUTLINE_COLUMNS)[number]>;

/** A span row's outline: what a waterfall row shows. */
export function rowToSpanOutline(row: SpanOutlineRow): SpanOutline {
  const outline: SpanOutline = {
    spanId: row.span_id,
    name: row.name,
    kind: row.kind as SpanKind,
    startMs: Number(row.start_ms),
    durationMs: Number(row.duration_ms),
    status: row.status as SpanStatus,
  };
  put(outline, 'parentSpanId', row.parent_span_id);
  put(outline, 'timeToFirstTokenMs', num(row.ttft_ms) ?? null);
  return outline;
}
