import { Type } from './type-builder.js';
import {
  ARTIFACT_KINDS,
  type ArtifactEvent,
  type ArtifactEventPage,
  type ArtifactSummary,
  type ArtifactVersion,
  type LabelMove,
  type PinCount,
  type ResolvedArtifact,
  type SessionSnapshot,
  type CanaryVerdict,
  type DrainSeries,
  type StoredCanary,
} from '../artifacts/index.js';
import { anyObject, modelled, OPEN, recordOf, stringEnum, stringMap } from './schema-helpers.js';

/** Any JSON value. */
const anyJson = (description?: string) =>
  Type.Unsafe<unknown>(description === undefined ? {} : { description });

/* The artifact registry's documents: versions, labels, the audit trail, pins, snapshots. */

const name = Type.String({ minLength: 1, maxLength: 128 });

export const artifactParams = Type.Object({ kind: stringEnum(ARTIFACT_KINDS), name });
export const versionParams = Type.Object({
  kind: stringEnum(ARTIFACT_KINDS),
  name,
  version: Type.Integer({ minimum: 1 }),
});
export const labelParams = Type.Object({ kind: stringEnum(ARTIFACT_KINDS), name, label: name });
export const sessionParams = Type.Object({
  sessionId: Type.String({ minLength: 1, maxLength: 200 }),
});

/** Who did it, when an API key does not say: free text recorded in the audit trail. */
const actor = Type.Optional(Type.String({ minLength: 1, maxLength: 200 }));
const reason = Type.String({ minLength: 1, maxLength: 2000 });

export const createVersionBody = Type.Object(
  {
    content: anyJson(
      'prompt: a chat template; model: {model}; tools: tool schemas; agent: any JSON',
    ),
    config: Type.Optional(recordOf<unknown>(anyJson())),
    message: Type.Optional(Type.String({ maxLength: 2000 })),
    actor,
  },
  { additionalProperties: false },
);
export const moveLabelBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    reason,
    actor,
    override: Type.Optional(
      Type.Boolean({
        description: 'move a protected label without a passing eval gate; the reason is recorded',
      }),
    ),
  },
  { additionalProperties: false },
);
export const revokeBody = Type.Object({ reason, actor }, { additionalProperties: false });
export const snapshotBody = Type.Object(
  {
    state: anyJson(),
    versions: Type.Optional(stringMap()),
    takenAtMs: Type.Optional(Type.Number()),
  },
  { additionalProperties: false },
);

export const artifactVersionSchema = modelled<ArtifactVersion>()(
  Type.Object(
    {
      kind: stringEnum(ARTIFACT_KINDS),
      name: Type.String(),
      version: Type.Integer(),
      content: anyJson(),
      config: anyObject(),
      hash: Type.String(),
      createdBy: Type.String(),
      createdAtMs: Type.Number(),
    },
    OPEN,
  ),
);
export const artifactSummarySchema = modelled<ArtifactSummary>()(anyObject());
export const labelMoveSchema = modelled<LabelMove>()(anyObject());
export const resolvedArtifactSchema = modelled<ResolvedArtifact>()(anyObject());
export const artifactEventSchema = modelled<ArtifactEvent>()(anyObject());
export const artifactEventPageSchema = modelled<ArtifactEventPage>()(anyObject());
export const pinCountSchema = modelled<PinCount>()(anyObject());
export const drainSeriesSchema = modelled<DrainSeries>()(anyObject());
export const sessionSnapshotSchema = modelled<SessionSnapshot>()(anyObject());

export const canaryBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    percent: Type.Number({ description: 'share of units in the canary arm, 0-100' }),
    unit: Type.Optional(Type.String({ description: 'user (default) or session' })),
    label: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    ramp: Type.Optional(Type.Array(Type.Number(), { maxItems: 20 })),
    metrics: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 20 }),
    ),
    evaluators: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
        maxItems: 20,
        description:
          'online evaluator score names that also gate the canary; each must be scored by a sampling rule',
      }),
    ),
    minSamples: Type.Optional(Type.Integer()),
    alpha: Type.Optional(Type.Number()),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    actor,
  },
  { additionalProperties: false },
);
export const canaryOutcomesBody = Type.Object(
  {
    outcomes: Type.Array(
      Type.Object(
        {
          arm: Type.Optional(stringEnum(['control', 'canary'] as const)),
          version: Type.Optional(Type.Integer({ minimum: 1 })),
          metric: Type.String({ minLength: 1, maxLength: 100 }),
          failed: Type.Optional(Type.Boolean()),
          score: Type.Optional(
            Type.Number({
              description: "an evaluator's score of one trace; fails below passThreshold",
            }),
          ),
          passThreshold: Type.Optional(Type.Number({ description: 'default 0.5' })),
          traceId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 10_000 },
    ),
  },
  { additionalProperties: false },
);
export const storedCanarySchema = modelled<StoredCanary>()(anyObject());
export const canaryJudgementSchema = modelled<{ canary: StoredCanary; verdict: CanaryVerdict }>()(
  anyObject(),
);
