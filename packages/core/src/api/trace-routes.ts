import { Type } from './type-builder.js';
import { FAILURE_CATEGORIES, LAYERS } from '../classify/index.js';
import {
  DEFAULT_TEXT_SCOPE,
  SPAN_KINDS,
  SPAN_STATUSES,
  TEXT_SCOPES,
  TRACE_OUTCOMES,
} from '../model/index.js';
import { defineRoute, LOOKUP_ERRORS, PROJECT_ERRORS } from './route-contract.js';
import { defaulted, stringEnum } from './schema-helpers.js';
import { timeParam } from './time-param.js';
import {
  sessionListResponseSchema,
  sessionResponseSchema,
  spanSchema,
  traceDetailWithFindingsSchema,
  traceExtentSchema,
  traceOutlineSchema,
  traceListResponseSchema,
} from './trace-schemas.js';

/** The largest page GET /api/traces returns. */
export const TRACE_LIST_MAX_LIMIT = 500;

const nonEmpty = (description?: string) =>
  Type.String({ minLength: 1, ...(description ? { description } : {}) });

/** A trace id in its path: 32 hex digits. */
export const traceIdParams = Type.Object({
  traceId: Type.String({ pattern: '^[0-9a-fA-F]{32}$' }),
});

/** GET /api/traces: the trace list, filtered and paginated. */
export const listTraces = defineRoute({
  method: 'GET',
  path: '/api/traces',
  summary: 'List traces, newest first, filtered and paginated',
  tags: ['traces'],
  // Unknown parameters are refused: a typo'd filter must not return everything.
  querystring: Type.Object(
    {
      from: Type.Optional(timeParam()),
      to: Type.Optional(timeParam()),
      sessionId: Type.Optional(nonEmpty()),
      userId: Type.Optional(nonEmpty()),
      model: Type.Optional(nonEmpty('Requested or returned model.')),
      provider: Type.Optional(nonEmpty()),
      kind: Type.Optional(stringEnum(SPAN_KINDS)),
      status: Type.Optional(stringEnum(SPAN_STATUSES, { description: 'OTel status of the root.' })),
      outcome: Type.Optional(
        stringEnum(TRACE_OUTCOMES, {
          description: 'error: a span errored; failed: findings and no error; ok: neither.',
        }),
      ),
      name: Type.Optional(nonEmpty('Root span name, exact.')),
      q: Type.Optional(nonEmpty('Free text, case-insensitive, in the text `scope` names.')),
      scope: Type.Optional(
        stringEnum(TEXT_SCOPES, {
          description: `Where q is searched: io (the question and the answer, default ${DEFAULT_TEXT_SCOPE}), input, output, or all (every span's text, system prompts and documents included).`,
        }),
      ),
      tag: Type.Optional(Type.Array(nonEmpty(), { description: 'Repeatable; all must match.' })),
      version: Type.Optional(
        Type.Array(Type.String({ pattern: '^[^:]+:.+$' }), {
          description: 'Repeatable `artifact:version`; all must match.',
        }),
      ),
      category: Type.Optional(
        nonEmpty(
          `Traces with a finding of this failure category: ${Object.keys(FAILURE_CATEGORIES).join(', ')}.`,
        ),
      ),
      layer: Type.Optional(nonEmpty(`Traces with a finding in this layer: ${LAYERS.join(', ')}.`)),
      limit: defaulted(Type.Integer({ minimum: 1, maximum: TRACE_LIST_MAX_LIMIT }), 50),
      cursor: Type.Optional(nonEmpty()),
    },
    { additionalProperties: false },
  ),
  response: { 200: traceListResponseSchema },
  errors: PROJECT_ERRORS,
});

/** GET /api/traces/:traceId: one trace with its spans and findings. */
export const getTrace = defineRoute({
  method: 'GET',
  path: '/api/traces/:traceId',
  summary: 'One trace with every span in tree order and its findings',
  tags: ['traces'],
  params: traceIdParams,
  response: { 200: traceDetailWithFindingsSchema },
  errors: LOOKUP_ERRORS,
});

/** GET /api/traces/:traceId/outline: the span tree without span bodies, for large traces. */
export const getTraceOutline = defineRoute({
  method: 'GET',
  path: '/api/traces/:traceId/outline',
  summary:
    'One trace with the outline of every span (ids, names, kinds, times, status) and its findings',
  description:
    'Small even for a trace of 10,000 spans; read a span whole with GET /api/traces/:traceId/spans/:spanId.',
  tags: ['traces'],
  params: traceIdParams,
  response: { 200: traceOutlineSchema },
  errors: LOOKUP_ERRORS,
});

/** GET /api/traces/:traceId/spans/:spanId: one span, whole. */
export const getSpan = defineRoute({
  method: 'GET',
  path: '/api/traces/:traceId/spans/:spanId',
  summary: 'One span of a trace with every field',
  tags: ['traces'],
  params: Type.Object({
    traceId: traceIdParams.properties.traceId,
    spanId: Type.String({ pattern: '^[0-9a-fA-F]{16}$' }),
  }),
  response: { 200: spanSchema },
  errors: LOOKUP_ERRORS,
});

/** GET /api/sessions/:sessionId: every trace of a session. */
export const getSession = defineRoute({
  method: 'GET',
  path: '/api/sessions/:sessionId',
  summary: 'Every trace of one session',
  tags: ['sessions'],
  params: Type.Object({ sessionId: nonEmpty() }),
  response: { 200: sessionResponseSchema },
  errors: LOOKUP_ERRORS,
});

/** GET /api/traces/extent: when the project's traces start and end. */
export const getTraceExtent = defineRoute({
  method: 'GET',
  path: '/api/traces/extent',
  summary: "Start times of the project's oldest and newest trace (absent when it has none)",
  tags: ['traces'],
  response: { 200: traceExtentSchema },
  errors: PROJECT_ERRORS,
});

/** GET /api/sessions: sessions with their turn counts, newest last seen first. */
export const listSessions = defineRoute({
  method: 'GET',
  path: '/api/sessions',
  summary: 'List sessions with turns, failed turns, errors, cost and last seen, newest first',
  tags: ['sessions'],
  querystring: Type.Object(
    {
      limit: defaulted(Type.Integer({ minimum: 1, maximum: TRACE_LIST_MAX_LIMIT }), 50),
      cursor: Type.Optional(nonEmpty()),
    },
    { additionalProperties: false },
  ),
  response: { 200: sessionListResponseSchema },
  errors: PROJECT_ERRORS,
});
