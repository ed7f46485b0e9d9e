import { Type } from './type-builder.js';
import type { EvalGate, LabelGuard } from '../artifacts/index.js';
import { artifactParams, labelParams, versionParams } from './artifact-schemas.js';
import { itemsOf } from './detection-schemas.js';
import { defineRoute, LOOKUP_ERRORS } from './route-contract.js';
import { anyObject, modelled, stringEnum } from './schema-helpers.js';

const tags = ['artifacts'];
const actor = Type.Optional(Type.String({ minLength: 1, maxLength: 200 }));
const reason = Type.String({ minLength: 1, maxLength: 2000 });
const incidentId = Type.Optional(Type.String({ minLength: 1, maxLength: 200 }));

export const labelGuardSchema = modelled<LabelGuard & { version?: number }>()(anyObject());
export const evalGateSchema = modelled<EvalGate>()(anyObject());
const holdOutcomeSchema = anyObject();

/** GET /api/artifacts/:kind/:name/labels: every label with its version, protection and hold. */
export const listArtifactLabels = defineRoute({
  method: 'GET',
  path: '/api/artifacts/:kind/:name/labels',
  summary: "An artifact's labels with where they point, whether protected, and any hold",
  tags,
  params: artifactParams,
  response: { 200: itemsOf(labelGuardSchema) },
  errors: LOOKUP_ERRORS,
});

/** PUT .../labels/:label/protection: a protected label moves only through a passing eval gate. */
export const protectArtifactLabel = defineRoute({
  method: 'PUT',
  path: '/api/artifacts/:kind/:name/labels/:label/protection',
  summary:
    'Protect a label (moves need a passing eval gate of the target, or an override) or unprotect it',
  tags,
  params: labelParams,
  body: Type.Object({ protected: Type.Boolean(), reason, actor }, { additionalProperties: false }),
  response: { 200: labelGuardSchema },
  errors: LOOKUP_ERRORS,
});

/** PUT .../labels/:label/hold: freeze the label, or roll it back, for an incident. */
export const holdArtifactLabel = defineRoute({
  method: 'PUT',
  path: '/api/artifacts/:kind/:name/labels/:label/hold',
  summary:
    'Hold a label for an incident: freeze its moves, or roll it back to the previous version',
  description:
    'freeze: every move is refused (409 label_frozen) until POST .../release. rollback: the label moves to where it pointed before its latest move, past protection and any freeze. Both are recorded in the audit trail with the incident id.',
  tags,
  params: labelParams,
  body: Type.Object(
    { mode: stringEnum(['freeze', 'rollback'] as const), reason, incidentId, actor },
    { additionalProperties: false },
  ),
  response: { 200: holdOutcomeSchema },
  errors: LOOKUP_ERRORS,
});

/** POST .../labels/:label/release: end a freeze. */
export const releaseArtifactLabel = defineRoute({
  method: 'POST',
  path: '/api/artifacts/:kind/:name/labels/:label/release',
  summary: 'Release a frozen label so it can move again, recorded in the audit trail',
  tags,
  params: labelParams,
  body: Type.Object({ reason, actor }, { additionalProperties: false }),
  response: { 200: labelGuardSchema },
  errors: LOOKUP_ERRORS,
});

/** POST .../versions/:version/gates: an eval run's outcome for a version. */
export const recordArtifactGate = defineRoute({
  method: 'POST',
  path: '/api/artifacts/:kind/:name/versions/:version/gates',
  summary:
    "Record an eval run's outcome (pass or fail, pass rate) for a version: a protected label's gate",
  tags,
  params: versionParams,
  body: Type.Object(
    {
      passed: Type.Boolean(),
      passRate: Type.Number({ minimum: 0, maximum: 1 }),
      total: Type.Optional(Type.Integer({ minimum: 0 })),
      summary: Type.Optional(Type.String({ maxLength: 2000 })),
      runId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
      actor,
    },
    { additionalProperties: false },
  ),
  response: { 201: evalGateSchema },
  errors: LOOKUP_ERRORS,
});

/** GET .../versions/:version/gates: the version's gates, newest first. */
export const listArtifactGates = defineRoute({
  method: 'GET',
  path: '/api/artifacts/:kind/:name/versions/:version/gates',
  summary: "A version's eval gates, newest first",
  tags,
  params: versionParams,
  response: { 200: itemsOf(evalGateSchema) },
  errors: LOOKUP_ERRORS,
});
