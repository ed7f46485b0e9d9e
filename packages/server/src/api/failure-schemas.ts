import {
  DEFAULT_THRESHOLDS,
  FAILURE_CATEGORIES,
  LAYERS,
  SEVERITIES,
} from '@glassbox/core/classify';
import { MAX_SUMMARY_BUCKETS } from '@glassbox/store';

/* JSON schemas of the failure routes: findings, diagnosis, failure summary, thresholds. */

const CATEGORY_LIST = Object.keys(FAILURE_CATEGORIES);
const strings = { type: 'array', items: { type: 'string' } } as const;

export const findingSchema = {
  type: 'object',
  additionalProperties: true,
  required: ['category', 'layer', 'severity', 'spanIds', 'message', 'evidence', 'remediation'],
  properties: {
    category: { type: 'string', enum: CATEGORY_LIST },
    layer: { type: 'string', enum: LAYERS },
    severity: { type: 'string', enum: SEVERITIES },
    spanIds: { ...strings, description: 'The spans that show the failure, most telling first.' },
    message: { type: 'string' },
    evidence: {
      type: 'object',
      additionalProperties: true,
      description: 'Observed values and the threshold they crossed.',
    },
    remediation: { type: 'string' },
  },
} as const;

export const diagnosisSchema = {
  type: 'object',
  required: ['layers', 'summary'],
  properties: {
    layers: {
      type: 'array',
      description: 'Every layer, implicated ones first (likeliest root cause first).',
      items: {
        type: 'object',
        additionalProperties: true,
        required: ['layer', 'verdict', 'confidence', 'evidenceFor', 'evidenceAgainst'],
        properties: {
          layer: { type: 'string', enum: LAYERS },
          verdict: { type: 'string', enum: ['implicated', 'cleared', 'unknown'] },
          confidence: { type: 'number', minimum: 0, maximum: 1 },
          evidenceFor: strings,
          evidenceAgainst: strings,
        },
      },
    },
    mostLikely: { type: 'string', enum: LAYERS },
    summary: { type: 'string' },
  },
} as const;

const timeParam = {
  type: 'string',
  description: 'Epoch milliseconds or an ISO 8601 date-time.',
} as const;

export const failureSummaryQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { ...timeParam, description: `${timeParam.description} Default: 24 hours before to.` },
    to: { ...timeParam, description: `${timeParam.description} Exclusive. Default: now.` },
    bucket: {
      type: 'string',
      default: '1h',
      description: `Bucket size: milliseconds or a duration such as 5m, 1h, 1d. Buckets are aligned to the epoch; at most ${MAX_SUMMARY_BUCKETS} per request.`,
    },
  },
} as const;

const countsSchema = {
  type: 'object',
  description: 'Traces per failure category (a trace counts once per category).',
  additionalProperties: { type: 'integer' },
} as const;

export const failureSummarySchema = {
  type: 'object',
  required: ['bucketMs', 'buckets', 'totals'],
  properties: {
    bucketMs: { type: 'integer' },
    buckets: {
      type: 'array',
      description: 'Every bucket of the range, oldest first, empty ones included.',
      items: {
        type: 'object',
        required: ['startMs', 'counts'],
        properties: { startMs: { type: 'number' }, counts: countsSchema },
      },
    },
    totals: countsSchema,
  },
} as const;

const thresholdProperties = Object.fromEntries(
  Object.entries(DEFAULT_THRESHOLDS).map(([key, value]) => [
    key,
    typeof value === 'number'
      ? { type: 'number', minimum: 0, default: value }
      : {
          type: 'object',
          additionalProperties: { type: 'integer', minimum: 1 },
          description: 'Context windows in tokens by model-id prefix, added to the built-in table.',
        },
  ]),
);

export const thresholdOverridesSchema = {
  type: 'object',
  additionalProperties: false,
  description:
    'Classifier thresholds this project overrides; the rest keep their defaults (docs/failure-categories.md).',
  properties: thresholdProperties,
} as const;

export const thresholdSettingsSchema = {
  type: 'object',
  required: ['thresholds', 'overrides', 'defaults'],
  properties: {
    thresholds: {
      type: 'object',
      additionalProperties: true,
      description: 'What ingest classifies with: the defaults with the overrides applied.',
    },
    overrides: { type: 'object', additionalProperties: true },
    defaults: { type: 'object', additionalProperties: true },
  },
} as const;
