import { Type } from './type-builder.js';
import { stringEnum } from './schema-helpers.js';
import { API_KEY_SCOPES } from './api-key-scopes.js';
import { defineRoute, LOOKUP_ERRORS, PROJECT_ERRORS } from './route-contract.js';
import {
  apiKeySchema,
  auditEntrySchema,
  createdApiKeySchema,
  deletionResultSchema,
  projectUsageSchema,
  retentionSchema,
} from './team-schemas.js';

const ADMIN_ERRORS = PROJECT_ERRORS;
const ADMIN_LOOKUP_ERRORS = LOOKUP_ERRORS;
const keyParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });
const MAX_GRACE_SECONDS = 30 * 86_400;

/** GET /api/keys: the project's keys, never the keys themselves. */
export const listApiKeys = defineRoute({
  method: 'GET',
  path: '/api/keys',
  summary: 'List this project\u2019s API keys (prefix, scopes, created, last used, expiry)',
  tags: ['keys'],
  response: { 200: Type.Object({ items: Type.Array(apiKeySchema) }) },
  errors: ADMIN_ERRORS,
});

/** POST /api/keys: a new key for the caller's project; the plaintext is answered once. */
export const createApiKey = defineRoute({
  method: 'POST',
  path: '/api/keys',
  summary: 'Create an API key (ingest+read unless scopes are given); the key is shown once',
  tags: ['keys'],
  body: Type.Object(
    {
      scopes: Type.Optional(Type.Array(stringEnum(API_KEY_SCOPES), { minItems: 1 })),
      expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
    },
    { additionalProperties: false },
  ),
  response: { 201: createdApiKeySchema },
  errors: ADMIN_ERRORS,
});

/** POST /api/keys/:id/revoke: the key fails from now on (within a second on every replica). */
export const revokeApiKey = defineRoute({
  method: 'POST',
  path: '/api/keys/:id/revoke',
  summary: 'Revoke a key by id or prefix',
  tags: ['keys'],
  params: keyParams,
  response: { 200: apiKeySchema },
  errors: ADMIN_LOOKUP_ERRORS,
});

/** POST /api/keys/:id/rotate: a new key with the same scopes; the old one lives on for the grace. */
export const rotateApiKey = defineRoute({
  method: 'POST',
  path: '/api/keys/:id/rotate',
  summary: 'Rotate a key: a new key with the same scopes, the old one valid for graceSeconds',
  tags: ['keys'],
  params: keyParams,
  body: Type.Object(
    { graceSeconds: Type.Integer({ minimum: 0, maximum: MAX_GRACE_SECONDS }) },
    { additionalProperties: false },
  ),
  response: { 201: Type.Object({ key: Type.String(), record: apiKeySchema, old: apiKeySchema }) },
  errors: ADMIN_LOOKUP_ERRORS,
});

/** GET /api/audit: who changed what, newest first. */
export const listAuditLog = defineRoute({
  method: 'GET',
  path: '/api/audit',
  summary: 'The audit log: key, settings, monitor and deletion events, newest first',
  tags: ['audit'],
  querystring: Type.Object(
    {
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
      before: Type.Optional(Type.Number({ description: 'Only entries before this time (ms)' })),
    },
    { additionalProperties: false },
  ),
  response: { 200: Type.Object({ items: Type.Array(auditEntrySchema) }) },
  errors: ADMIN_ERRORS,
});

/** POST /api/deletions: deletes every trace of one trace id, session id or user id. */
export const deleteData = defineRoute({
  method: 'POST',
  path: '/api/deletions',
  summary:
    'Delete the traces of one trace id, session id or user id: spans, findings, search text, observations, replays, online eval scores and review items, in one transaction',
  tags: ['deletion'],
  body: Type.Object(
    {
      traceId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
      sessionId: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
      userId: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    },
    { additionalProperties: false },
  ),
  response: { 200: deletionResultSchema },
  errors: ADMIN_ERRORS,
});

/** GET /api/settings/retention. */
export const getRetention = defineRoute({
  method: 'GET',
  path: '/api/settings/retention',
  summary: 'How many days this project keeps traces and span content (null: forever)',
  tags: ['settings'],
  response: { 200: retentionSchema },
  errors: ADMIN_ERRORS,
});

/** PUT /api/settings/retention. */
export const putRetention = defineRoute({
  method: 'PUT',
  path: '/api/settings/retention',
  summary: 'Set retention: content (prompts, outputs) may expire before the traces and metrics',
  tags: ['settings'],
  body: retentionSchema,
  response: { 200: retentionSchema },
  errors: ADMIN_ERRORS,
});

/** GET /api/usage: what the caller's project stores and the database's size. */
export const getUsage = defineRoute({
  method: 'GET',
  path: '/api/usage',
  summary: 'Stored traces, spans and content bytes of this project; database size',
  tags: ['settings'],
  response: {
    200: Type.Object({
      project: projectUsageSchema,
      databaseBytes: Type.Union([Type.Number(), Type.Null()]),
      diskFreeBytes: Type.Union([Type.Number(), Type.Null()]),
    }),
  },
  errors: ADMIN_ERRORS,
});
