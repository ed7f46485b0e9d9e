import { Type } from './type-builder.js';
import {
  DEFAULT_THRESHOLDS,
  FAILURE_CATEGORIES,
  LAYERS,
  SEVERITIES,
  type ClassifierThresholds,
  type FailureCategory,
  type Finding,
} from '../classify/index.js';
import type { Diagnosis } from '../diagnose/index.js';
import { anyObject, modelled, OPEN, recordOf, stringEnum, strings } from './schema-helpers.js';

/* The failure documents: findings, diagnosis, failure summary, classifier thresholds. */

const CATEGORY_LIST = Object.keys(FAILURE_CATEGORIES) as FailureCategory[];

export const findingSchema = modelled<Finding>()(
  Type.Object(
    {
      category: stringEnum(CATEGORY_LIST),
      layer: stringEnum(LAYERS),
      severity: stringEnum(SEVERITIES),
      spanIds: strings({ description: 'The spans that show the failure, most telling first.' }),
      message: Type.String(),
      evidence: anyObject({ description: 'Observed values and the threshold they crossed.' }),
      remediation: Type.String(),
    },
    OPEN,
  ),
);

export const diagnosisSchema = modelled<Diagnosis>()(
  Type.Object({
    layers: Type.Array(
      Type.Object(
        {
          layer: stringEnum(LAYERS),
          verdict: stringEnum(['implicated', 'cleared', 'unknown']),
          confidence: Type.Number({ minimum: 0, maximum: 1 }),
          evidenceFor: strings(),
          evidenceAgainst: strings(),
          kinds: Type.Object(
            {
              for: strings({ description: 'Failure categories (or upstream_change) shown.' }),
              against: strings({ description: 'What evidenceAgainst rules out; never in for.' }),
            },
            OPEN,
          ),
        },
        OPEN,
      ),
      { description: 'Every layer, implicated ones first (likeliest root cause first).' },
    ),
    mostLikely: Type.Optional(stringEnum(LAYERS)),
    summary: Type.String(),
  }),
);

const counts = () =>
  recordOf<number>(Type.Integer(), {
    description: 'Traces per failure category (a trace counts once per category).',
  });

export const failureSummarySchema = Type.Object({
  bucketMs: Type.Integer(),
  buckets: Type.Array(Type.Object({ startMs: Type.Number(), counts: counts() }), {
    description: 'Every bucket of the range, oldest first, empty ones included.',
  }),
  totals: counts(),
});

const thresholdProperties = Object.fromEntries(
  Object.entries(DEFAULT_THRESHOLDS).map(([key, value]) => [
    key,
    Type.Optional(
      typeof value === 'number'
        ? Type.Number({ minimum: 0, default: value })
        : recordOf<number>(Type.Integer({ minimum: 1 }), {
            description:
              'Context windows in tokens by model-id prefix, added to the built-in table.',
          }),
    ),
  ]),
);

/** The thresholds a project overrides; anything else is refused. */
export const thresholdOverridesSchema = modelled<Partial<ClassifierThresholds>>()(
  Type.Object(thresholdProperties, {
    additionalProperties: false,
    description:
      'Classifier thresholds this project overrides; the rest keep their defaults (docs/failure-categories.md).',
  }),
);

export const thresholdSettingsSchema = Type.Object({
  thresholds: modelled<ClassifierThresholds>()(
    anyObject({
      description: 'What ingest classifies with: the defaults with the overrides applied.',
    }),
  ),
  overrides: modelled<Partial<ClassifierThresholds>>()(anyObject()),
  defaults: modelled<ClassifierThresholds>()(anyObject()),
});
