import { Type } from './type-builder.js';
import {
  SPAN_KINDS,
  SPAN_STATUSES,
  type Span,
  type SpanOutline,
  type TraceSummary,
} from '../model/index.js';
import { findingSchema } from './failure-schemas.js';
import { anyObject, modelled, OPEN, stringEnum, stringMap, strings } from './schema-helpers.js';

/* The trace documents the query API answers with: summaries, spans, trace details. */

const usage = Type.Object(
  {
    input: Type.Optional(Type.Number()),
    output: Type.Optional(Type.Number()),
    cached: Type.Optional(Type.Number()),
    total: Type.Optional(Type.Number()),
  },
  OPEN,
);

export const traceSummarySchema = modelled<TraceSummary>()(
  Type.Object(
    {
      projectId: Type.String(),
      traceId: Type.String(),
      rootSpanId: Type.Optional(Type.String()),
      rootName: Type.Optional(Type.String()),
      startMs: Type.Number(),
      endMs: Type.Number(),
      durationMs: Type.Number(),
      status: stringEnum(SPAN_STATUSES),
      sessionId: Type.Optional(Type.String()),
      userId: Type.Optional(Type.String()),
      tags: Type.Optional(strings()),
      models: Type.Optional(strings()),
      input: Type.Optional(Type.String()),
      output: Type.Optional(Type.String()),
      usage: Type.Optional(usage),
      costUsd: Type.Optional(Type.Number()),
      spanCount: Type.Optional(Type.Integer()),
      errorCount: Type.Optional(Type.Integer()),
      versions: Type.Optional(stringMap()),
      categories: Type.Optional(
        strings({ description: 'Failure categories found in the trace, sorted.' }),
      ),
    },
    OPEN,
  ),
);

const message = Type.Object(
  { role: Type.Optional(Type.String()), content: Type.Optional(Type.String()) },
  OPEN,
);

export const spanSchema = modelled<Span>()(
  Type.Object(
    {
      projectId: Type.String(),
      traceId: Type.String(),
      spanId: Type.String(),
      parentSpanId: Type.Optional(Type.String()),
      name: Type.String(),
      kind: stringEnum(SPAN_KINDS),
      startTimeUnixNano: Type.Optional(Type.String()),
      endTimeUnixNano: Type.Optional(Type.String()),
      startMs: Type.Number(),
      durationMs: Type.Number(),
      status: stringEnum(SPAN_STATUSES),
      statusMessage: Type.Optional(Type.String()),
      serviceName: Type.Optional(Type.String()),
      requestModel: Type.Optional(Type.String()),
      responseModel: Type.Optional(Type.String()),
      provider: Type.Optional(Type.String()),
      parameters: Type.Optional(anyObject()),
      inputMessages: Type.Optional(Type.Array(message)),
      outputMessages: Type.Optional(Type.Array(message)),
      input: Type.Optional(Type.String()),
      output: Type.Optional(Type.String()),
      finishReason: Type.Optional(Type.String()),
      usage: Type.Optional(usage),
      costUsd: Type.Optional(Type.Number()),
      timeToFirstTokenMs: Type.Optional(Type.Number()),
      tool: Type.Optional(anyObject()),
      toolDefinitions: Type.Optional(Type.Array(anyObject())),
      retrievalQuery: Type.Optional(Type.String()),
      documents: Type.Optional(Type.Array(anyObject())),
      sessionId: Type.Optional(Type.String()),
      userId: Type.Optional(Type.String()),
      prompt: Type.Optional(anyObject()),
      agentName: Type.Optional(Type.String()),
      tags: Type.Optional(strings()),
      metadata: Type.Optional(stringMap()),
      versions: Type.Optional(stringMap()),
      resource: Type.Optional(anyObject()),
      scope: Type.Optional(anyObject()),
      attributes: Type.Optional(anyObject()),
      events: Type.Optional(Type.Array(anyObject())),
    },
    OPEN,
  ),
);

/** A trace with every span in tree order (core's TraceDetail). */
export const traceDetailSchema = Type.Object({
  trace: traceSummarySchema,
  spans: Type.Array(spanSchema, { description: 'In tree order.' }),
});

export const traceDetailWithFindingsSchema = Type.Object({
  ...traceDetailSchema.properties,
  findings: Type.Array(findingSchema),
});

/** What a waterfall row shows of a span (core's SpanOutline). */
export const spanOutlineSchema = modelled<SpanOutline>()(
  Type.Object({
    spanId: Type.String(),
    parentSpanId: Type.Optional(Type.String()),
    name: Type.String(),
    kind: stringEnum(SPAN_KINDS),
    startMs: Type.Number(),
    durationMs: Type.Number(),
    status: stringEnum(SPAN_STATUSES),
    timeToFirstTokenMs: Type.Optional(Type.Number()),
  }),
);

/** A trace's summary, span outlines in tree order and findings (core's TraceOutline). */
export const traceOutlineSchema = Type.Object({
  trace: traceSummarySchema,
  spans: Type.Array(spanOutlineSchema, { description: 'In tree order.' }),
  findings: Type.Array(findingSchema),
});

export const traceListResponseSchema = Type.Object({
  items: Type.Array(traceSummarySchema),
  nextCursor: Type.Optional(Type.String()),
});

export const sessionResponseSchema = Type.Object({
  sessionId: Type.String(),
  traces: Type.Array(traceDetailSchema),
});

export const sessionSummarySchema = Type.Object({
  sessionId: Type.String(),
  turns: Type.Integer({ description: 'Traces of the session.' }),
  failedTurns: Type.Integer({ description: 'Turns with at least one finding.' }),
  errorTurns: Type.Integer({ description: 'Turns where a span reported an error.' }),
  costUsd: Type.Number(),
  firstSeenMs: Type.Number(),
  lastSeenMs: Type.Number({ description: 'Start of the newest turn.' }),
});

export const sessionListResponseSchema = Type.Object({
  items: Type.Array(sessionSummarySchema),
  nextCursor: Type.Optional(Type.String()),
});

/** Both absent when the project has no traces. */
export const traceExtentSchema = Type.Object({
  firstMs: Type.Optional(Type.Number({ description: 'Start of the oldest trace.' })),
  lastMs: Type.Optional(Type.Number({ description: 'Start of the newest trace.' })),
});
