import { FAILURE_CATEGORIES, LAYERS } from '@glassbox/core/classify';
import { SPAN_KINDS, SPAN_STATUSES } from '@glassbox/core/model';
import { findingSchema } from './failure-schemas.js';
import { ERROR_CODE_LIST, ERROR_CODES } from '../errors/error-codes.js';

/*
 * JSON schemas of the query API. Response schemas list the model's fields for the OpenAPI
 * document and keep `additionalProperties: true`, so a field added to the model is never
 * silently dropped by the serializer.
 */

const openObject = { type: 'object', additionalProperties: true } as const;
const stringMap = { type: 'object', additionalProperties: { type: 'string' } } as const;
const strings = { type: 'array', items: { type: 'string' } } as const;

export const errorBodySchema = {
  type: 'object',
  description: `Every error. Codes: ${ERROR_CODE_LIST.map((c) => `${c} (${ERROR_CODES[c].status}) ${ERROR_CODES[c].description}`).join(' ')}`,
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: ERROR_CODE_LIST },
        message: { type: 'string' },
      },
    },
  },
} as const;

const usageSchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    input: { type: 'number' },
    output: { type: 'number' },
    cached: { type: 'number' },
    total: { type: 'number' },
  },
} as const;

export const traceSummarySchema = {
  type: 'object',
  additionalProperties: true,
  required: ['projectId', 'traceId', 'startMs', 'endMs', 'durationMs', 'status'],
  properties: {
    projectId: { type: 'string' },
    traceId: { type: 'string' },
    rootSpanId: { type: 'string' },
    rootName: { type: 'string' },
    startMs: { type: 'number' },
    endMs: { type: 'number' },
    durationMs: { type: 'number' },
    status: { type: 'string', enum: SPAN_STATUSES },
    sessionId: { type: 'string' },
    userId: { type: 'string' },
    tags: strings,
    models: strings,
    input: { type: 'string' },
    output: { type: 'string' },
    usage: usageSchema,
    costUsd: { type: 'number' },
    spanCount: { type: 'integer' },
    errorCount: { type: 'integer' },
    versions: stringMap,
    categories: { ...strings, description: 'Failure categories found in the trace, sorted.' },
  },
} as const;

const messageSchema = {
  type: 'object',
  additionalProperties: true,
  properties: { role: { type: 'string' }, content: { type: 'string' } },
} as const;

export const spanSchema = {
  type: 'object',
  additionalProperties: true,
  required: ['projectId', 'traceId', 'spanId', 'name', 'kind', 'startMs', 'durationMs', 'status'],
  properties: {
    projectId: { type: 'string' },
    traceId: { type: 'string' },
    spanId: { type: 'string' },
    parentSpanId: { type: 'string' },
    name: { type: 'string' },
    kind: { type: 'string', enum: SPAN_KINDS },
    startTimeUnixNano: { type: 'string' },
    endTimeUnixNano: { type: 'string' },
    startMs: { type: 'number' },
    durationMs: { type: 'number' },
    status: { type: 'string', enum: SPAN_STATUSES },
    statusMessage: { type: 'string' },
    serviceName: { type: 'string' },
    requestModel: { type: 'string' },
    responseModel: { type: 'string' },
    provider: { type: 'string' },
    parameters: openObject,
    inputMessages: { type: 'array', items: messageSchema },
    outputMessages: { type: 'array', items: messageSchema },
    input: { type: 'string' },
    output: { type: 'string' },
    finishReason: { type: 'string' },
    usage: usageSchema,
    costUsd: { type: 'number' },
    timeToFirstTokenMs: { type: 'number' },
    tool: openObject,
    toolDefinitions: { type: 'array', items: openObject },
    retrievalQuery: { type: 'string' },
    documents: { type: 'array', items: openObject },
    sessionId: { type: 'string' },
    userId: { type: 'string' },
    prompt: openObject,
    agentName: { type: 'string' },
    tags: strings,
    metadata: stringMap,
    versions: stringMap,
    resource: openObject,
    scope: openObject,
    attributes: openObject,
    events: { type: 'array', items: openObject },
  },
} as const;

export const traceDetailSchema = {
  type: 'object',
  required: ['trace', 'spans'],
  properties: {
    trace: traceSummarySchema,
    spans: { type: 'array', items: spanSchema, description: 'In tree order.' },
  },
} as const;

export const traceDetailWithFindingsSchema = {
  type: 'object',
  required: ['trace', 'spans', 'findings'],
  properties: {
    ...traceDetailSchema.properties,
    findings: { type: 'array', items: findingSchema },
  },
} as const;

const timeParam = {
  type: 'string',
  description: 'Epoch milliseconds or an ISO 8601 date-time.',
} as const;

export const traceListQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: timeParam,
    to: timeParam,
    sessionId: { type: 'string', minLength: 1 },
    userId: { type: 'string', minLength: 1 },
    model: { type: 'string', minLength: 1, description: 'Requested or returned model.' },
    provider: { type: 'string', minLength: 1 },
    kind: { type: 'string', enum: SPAN_KINDS },
    status: { type: 'string', enum: SPAN_STATUSES },
    name: { type: 'string', minLength: 1, description: 'Root span name, exact.' },
    q: { type: 'string', minLength: 1, description: 'Free text over span input and output.' },
    tag: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'Repeatable; all must match.',
    },
    version: {
      type: 'array',
      items: { type: 'string', pattern: '^[^:]+:.+$' },
      description: 'Repeatable `artifact:version`; all must match.',
    },
    category: {
      type: 'string',
      minLength: 1,
      description: `Traces with a finding of this failure category: ${Object.keys(FAILURE_CATEGORIES).join(', ')}.`,
    },
    layer: {
      type: 'string',
      minLength: 1,
      description: `Traces with a finding in this layer: ${LAYERS.join(', ')}.`,
    },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
    cursor: { type: 'string', minLength: 1 },
  },
} as const;

export const traceListResponseSchema = {
  type: 'object',
  required: ['items'],
  properties: {
    items: { type: 'array', items: traceSummarySchema },
    nextCursor: { type: 'string' },
  },
} as const;

export const sessionResponseSchema = {
  type: 'object',
  required: ['sessionId', 'traces'],
  properties: {
    sessionId: { type: 'string' },
    traces: { type: 'array', items: traceDetailSchema },
  },
} as const;

export const healthResponseSchema = {
  type: 'object',
  required: ['status', 'storage', 'version'],
  properties: {
    status: { type: 'string', enum: ['ok'] },
    storage: { type: 'string' },
    version: { type: 'string' },
  },
} as const;

/** The error responses a project-scoped route can give. */
export const scopedErrorResponses = {
  400: errorBodySchema,
  401: errorBodySchema,
  500: errorBodySchema,
} as const;
