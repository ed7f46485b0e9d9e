import { Type } from './type-builder.js';
import { OPEN, stringEnum } from './schema-helpers.js';
import { API_KEY_SCOPES } from './api-key-scopes.js';

/** An API key as listed: never the key itself, only its visible prefix. */
export const apiKeySchema = Type.Object(
  {
    id: Type.String(),
    prefix: Type.String({ description: 'The first characters of the key, to tell keys apart' }),
    projectId: Type.String(),
    scopes: Type.Array(stringEnum(API_KEY_SCOPES)),
    createdAtMs: Type.Number(),
    lastUsedAtMs: Type.Union([Type.Number(), Type.Null()]),
    expiresAtMs: Type.Union([Type.Number(), Type.Null()]),
    revokedAtMs: Type.Union([Type.Number(), Type.Null()]),
  },
  OPEN,
);

/** A newly created key: the plaintext `key` is in this answer only. */
export const createdApiKeySchema = Type.Object({ key: Type.String(), record: apiKeySchema }, OPEN);

/** One entry of the audit log. */
export const auditEntrySchema = Type.Object(
  {
    id: Type.String(),
    projectId: Type.String(),
    atMs: Type.Number(),
    actor: Type.String({ description: 'The key prefix that acted, or `local` / `cli`' }),
    action: Type.String(),
    target: Type.String(),
    before: Type.Unknown(),
    after: Type.Unknown(),
  },
  OPEN,
);

/** Retention of a project in days; null keeps data forever. */
export const retentionSchema = Type.Object({
  traceDays: Type.Union([Type.Integer({ minimum: 1, maximum: 36_500 }), Type.Null()]),
  contentDays: Type.Union([Type.Integer({ minimum: 1, maximum: 36_500 }), Type.Null()]),
});

/** What a deletion removed. */
export const deletionResultSchema = Type.Object(
  { traces: Type.Integer(), spans: Type.Integer() },
  OPEN,
);

/** How much a project stores. */
export const projectUsageSchema = Type.Object(
  {
    projectId: Type.String(),
    traces: Type.Integer(),
    spans: Type.Integer(),
    contentBytes: Type.Number({ description: 'Bytes of prompts, outputs and attributes' }),
  },
  OPEN,
);
