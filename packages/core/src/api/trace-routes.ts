import { Type } from './type-builder.js';
import { FAILURE_CATEGORIES, LAYERS } from '../classify/index.js';
import { SPAN_KINDS, SPAN_STATUSES } from '../model/index.js';
import { defineRoute, LOOKUP_ERRORS, PROJECT_ERRORS } from './route-contract.js';
import { defaulted, stringEnum } from './schema-helpers.js';
import { timeParam } from './time-param.js';
import {
  sessionResponseSchema,
  traceDetailWithFindingsSchema,
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
      status: Type.Optional(stringEnum(SPAN_STATUSES)),
      name: Type.Optional(nonEmpty('Root span name, exact.')),
      q: Type.Optional(nonEmpty('Free text over span input and output.')),
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
