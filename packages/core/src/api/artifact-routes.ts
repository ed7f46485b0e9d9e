import { Type } from './type-builder.js';
import {
  canaryBody,
  canaryJudgementSchema,
  canaryOutcomesBody,
  storedCanarySchema,
  artifactEventPageSchema,
  artifactEventSchema,
  artifactParams,
  artifactSummarySchema,
  artifactVersionSchema,
  createVersionBody,
  drainSeriesSchema,
  labelMoveSchema,
  labelParams,
  moveLabelBody,
  pinCountSchema,
  resolvedArtifactSchema,
  revokeBody,
  sessionParams,
  sessionSnapshotSchema,
  snapshotBody,
  versionParams,
} from './artifact-schemas.js';
import { itemsOf } from './detection-schemas.js';
import { defineRoute, LOOKUP_ERRORS, PROJECT_ERRORS } from './route-contract.js';

/** A label move may also be refused by the label's protection (403) or hold (409). */
const GUARDED_ERRORS = [...LOOKUP_ERRORS, 403, 409] as const;
import { defaulted } from './schema-helpers.js';

const tags = ['artifacts'];

/** The longest a long-poll for label moves may wait, in milliseconds. */
export const MAX_EVENT_WAIT_MS = 60_000;

/** GET /api/artifacts: every artifact of the project with its labels. */
export const listArtifacts = defineRoute({
  method: 'GET',
  path: '/api/artifacts',
  summary: 'List artifacts (prompt, agent, model, tools) with their labels',
  tags,
  response: { 200: itemsOf(artifactSummarySchema) },
  errors: PROJECT_ERRORS,
});

/** POST /api/artifacts/:kind/:name/versions: a new immutable version. */
export const createArtifactVersion = defineRoute({
  method: 'POST',
  path: '/api/artifacts/:kind/:name/versions',
  summary: 'Create the next immutable version of an artifact',
  tags,
  params: artifactParams,
  body: createVersionBody,
  response: { 201: artifactVersionSchema },
  errors: PROJECT_ERRORS,
});

/** GET /api/artifacts/:kind/:name/versions: every version, oldest first. */
export const listArtifactVersions = defineRoute({
  method: 'GET',
  path: '/api/artifacts/:kind/:name/versions',
  summary: "An artifact's versions, oldest first",
  tags,
  params: artifactParams,
  response: { 200: itemsOf(artifactVersionSchema) },
  errors: LOOKUP_ERRORS,
});

/** GET /api/artifacts/:kind/:name/versions/:version. */
export const getArtifactVersion = defineRoute({
  method: 'GET',
  path: '/api/artifacts/:kind/:name/versions/:version',
  summary: 'One version of an artifact',
  tags,
  params: versionParams,
  response: { 200: artifactVersionSchema },
  errors: LOOKUP_ERRORS,
});

/** GET /api/artifacts/:kind/:name?label=production&sessionId=...: what to serve now. */
export const resolveArtifact = defineRoute({
  method: 'GET',
  path: '/api/artifacts/:kind/:name',
  summary: 'Resolve a label to a version, pinning the session on its first resolution',
  description:
    'With sessionId the first resolution pins the session to the version it got; later turns keep it after label moves until the session ends or idles out, or the version is revoked. `latest` is the newest unrevoked version.',
  tags,
  params: artifactParams,
  querystring: Type.Object(
    {
      label: defaulted(Type.String({ minLength: 1, maxLength: 128 }), 'production'),
      sessionId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
      userId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    },
    { additionalProperties: false },
  ),
  response: { 200: resolvedArtifactSchema },
  errors: LOOKUP_ERRORS,
});

/** PUT /api/artifacts/:kind/:name/labels/:label: move a label; a rollback is this call. */
export const moveArtifactLabel = defineRoute({
  method: 'PUT',
  path: '/api/artifacts/:kind/:name/labels/:label',
  summary:
    'Point a label at a version (a rollback is a move to an older one), recorded in the audit trail',
  tags,
  params: labelParams,
  body: moveLabelBody,
  response: { 200: labelMoveSchema },
  errors: GUARDED_ERRORS,
});

/** GET /api/artifacts/:kind/:name/history: the audit trail, newest first. */
export const getArtifactHistory = defineRoute({
  method: 'GET',
  path: '/api/artifacts/:kind/:name/history',
  summary: "An artifact's label moves and revocations, newest first",
  tags,
  params: artifactParams,
  querystring: Type.Object(
    { limit: defaulted(Type.Integer({ minimum: 1, maximum: 1000 }), 100) },
    { additionalProperties: false },
  ),
  response: { 200: itemsOf(artifactEventSchema) },
  errors: LOOKUP_ERRORS,
});

/** PUT /api/artifacts/:kind/:name/versions/:version/revoke: break its session pins. */
export const revokeArtifactVersion = defineRoute({
  method: 'PUT',
  path: '/api/artifacts/:kind/:name/versions/:version/revoke',
  summary:
    'Revoke a version: no label may point at it and its pinned sessions move on at their next turn',
  tags,
  params: versionParams,
  body: revokeBody,
  response: { 200: artifactVersionSchema },
  errors: LOOKUP_ERRORS,
});

/** GET /api/artifacts/:kind/:name/pins: live sessions per version, draining after a move. */
export const listArtifactPins = defineRoute({
  method: 'GET',
  path: '/api/artifacts/:kind/:name/pins',
  summary: 'Sessions still pinned to each version (seen within the idle timeout)',
  tags,
  params: artifactParams,
  response: { 200: itemsOf(pinCountSchema) },
  errors: LOOKUP_ERRORS,
});

/** GET /api/artifacts/:kind/:name/pins/drain: live pinned sessions per version over time. */
export const getArtifactPinDrain = defineRoute({
  method: 'GET',
  path: '/api/artifacts/:kind/:name/pins/drain',
  summary: 'Sessions pinned to each version over a window: how a version drains after a move',
  description:
    'A session counts on its version from its pin until it idles out. Drawn from the pins as stored: a session that re-pinned or ended no longer counts on its old version, so the past is a lower bound.',
  tags,
  params: artifactParams,
  querystring: Type.Object(
    {
      toMs: Type.Optional(
        Type.Number({ minimum: 0, description: 'end of the window, epoch ms; default now' }),
      ),
      windowMs: defaulted(Type.Integer({ minimum: 1000, maximum: 30 * 86_400_000 }), 6 * 3_600_000),
      points: defaulted(Type.Integer({ minimum: 2, maximum: 500 }), 60),
    },
    { additionalProperties: false },
  ),
  response: { 200: itemsOf(drainSeriesSchema) },
  errors: LOOKUP_ERRORS,
});

/** GET /api/artifact-events?after=n&waitMs=...: the label-move stream, as a long poll. */
export const listArtifactEvents = defineRoute({
  method: 'GET',
  path: '/api/artifact-events',
  summary: 'Label moves and revocations after a sequence number; waits up to waitMs for the next',
  description:
    'A long poll: answers at once when events after `after` exist, otherwise when one arrives or waitMs passes (then with no items). Without `after`, answers at once with no items and the current lastSeq.',
  tags,
  querystring: Type.Object(
    {
      after: Type.Optional(Type.Integer({ minimum: 0 })),
      waitMs: defaulted(Type.Integer({ minimum: 0, maximum: MAX_EVENT_WAIT_MS }), 25_000),
      limit: defaulted(Type.Integer({ minimum: 1, maximum: 1000 }), 500),
    },
    { additionalProperties: false },
  ),
  response: { 200: artifactEventPageSchema },
  errors: PROJECT_ERRORS,
});

/** GET /api/artifact-events/stream: the label-move stream pushed as Server-Sent Events. */
export const streamArtifactEvents = defineRoute({
  method: 'GET',
  path: '/api/artifact-events/stream',
  summary: "The project's label moves, revocations and canary events as Server-Sent Events",
  description:
    'text/event-stream. Opens with `event: ready` (its id the current sequence number), then one `event: artifact` per audit-trail entry with `id` its seq and `data` the event JSON, and a `: keepalive` comment every 15 s. Resume with the Last-Event-ID header (or `after`): events after it are sent first.',
  tags,
  querystring: Type.Object(
    { after: Type.Optional(Type.Integer({ minimum: 0 })) },
    { additionalProperties: false },
  ),
  response: {},
  errors: PROJECT_ERRORS,
});

/** DELETE /api/sessions/:sessionId/pins: the session ended; its pins go. */
export const endSessionPins = defineRoute({
  method: 'DELETE',
  path: '/api/sessions/:sessionId/pins',
  summary: "End a session's pins: its next turn resolves like a new session",
  tags,
  params: sessionParams,
  response: { 200: Type.Object({ ended: Type.Integer() }) },
  errors: PROJECT_ERRORS,
});

/** POST /api/sessions/:sessionId/snapshots: checkpoint the app's conversation state. */
export const createSessionSnapshot = defineRoute({
  method: 'POST',
  path: '/api/sessions/:sessionId/snapshots',
  summary: "Store a point-in-time checkpoint of a session's state with the versions it ran under",
  tags,
  params: sessionParams,
  body: snapshotBody,
  response: { 201: sessionSnapshotSchema },
  errors: PROJECT_ERRORS,
});

/** GET /api/sessions/:sessionId/snapshots/latest?before=ms: the checkpoint to restore. */
export const getSessionSnapshot = defineRoute({
  method: 'GET',
  path: '/api/sessions/:sessionId/snapshots/latest',
  summary: "The session's newest checkpoint taken at or before `before` (epoch ms)",
  tags,
  params: sessionParams,
  querystring: Type.Object(
    { before: Type.Optional(Type.Number({ minimum: 0 })) },
    { additionalProperties: false },
  ),
  response: { 200: sessionSnapshotSchema },
  errors: LOOKUP_ERRORS,
});

/** POST /api/artifacts/:kind/:name/canary: split a label's traffic by hashed user or session. */
export const startArtifactCanary = defineRoute({
  method: 'POST',
  path: '/api/artifacts/:kind/:name/canary',
  summary: 'Start a canary of a version on a label, judged by an mSPRT gate per failure metric',
  description:
    'Units (users or sessions) are assigned by a deterministic hash of (artifact, salt, unit id); a ramp only adds units. The gate kills the canary on a significant regression of any metric (the label stays) and promotes it after the minimum sample (the label moves). One running canary per artifact.',
  tags,
  params: artifactParams,
  body: canaryBody,
  response: { 201: storedCanarySchema },
  errors: LOOKUP_ERRORS,
});

/** GET /api/artifacts/:kind/:name/canary: the running (else the newest) canary and its arms. */
export const getArtifactCanary = defineRoute({
  method: 'GET',
  path: '/api/artifacts/:kind/:name/canary',
  summary: 'The running canary, else the newest ended one, with both arms and the sequential test',
  tags,
  params: artifactParams,
  response: { 200: storedCanarySchema },
  errors: LOOKUP_ERRORS,
});

/** POST /api/artifacts/:kind/:name/canary/outcomes: judged requests for the gate. */
export const judgeArtifactCanary = defineRoute({
  method: 'POST',
  path: '/api/artifacts/:kind/:name/canary/outcomes',
  summary: "Feed judged outcomes (arm or version served, metric, failed) to the canary's gate",
  tags,
  params: artifactParams,
  body: canaryOutcomesBody,
  response: { 200: canaryJudgementSchema },
  errors: LOOKUP_ERRORS,
});
