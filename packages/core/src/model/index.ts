export type { AttributeValue, Attributes } from './attributes.js';
export type { OtlpSpan, OtlpEvent, OtlpLogRecord } from './otlp-span.js';
export { SPAN_KINDS, SPAN_STATUSES } from './span.js';
export type {
  Span,
  SpanKind,
  SpanStatus,
  Message,
  ToolCall,
  RetrievedDocument,
  ModelParameters,
  TokenUsage,
  ToolDefinition,
  ToolExecution,
  PromptReference,
  VersionSnapshot,
} from './span.js';
export type { TraceSummary, TraceDetail, TraceRow, TraceOutline, SpanOutline } from './trace.js';
export { TRACE_OUTCOMES, traceOutcome, type TraceOutcome } from './trace-outcome.js';
export { DEFAULT_TEXT_SCOPE, TEXT_SCOPES, type TextScope } from './text-scope.js';
export { GLASSBOX_ATTRIBUTES, VERSION_ARTIFACTS } from './glassbox-attributes.js';
