import { Type } from './type-builder.js';
import { DATASET_FORMATS } from '../evals/parse-dataset-file.js';
import { REVIEW_VERDICTS, type ReviewVerdict } from '../evals/review-agreement.js';
import { RUBRIC_DIMENSIONS } from '../evals/rubric-dimensions.js';
import { itemsOf } from './detection-schemas.js';
import { defineRoute, LOOKUP_ERRORS, PROJECT_ERRORS } from './route-contract.js';
import { anyObject, defaulted, recordOf, stringEnum } from './schema-helpers.js';
import { traceIdParams } from './trace-routes.js';

const tags = ['evals'];
const traceId = traceIdParams.properties.traceId;
export const datasetName = Type.String({ pattern: '^[A-Za-z0-9._-]{1,64}$' });
const datasetParams = Type.Object({ name: datasetName });
const versionParams = Type.Object({
  name: datasetName,
  version: Type.Integer({ minimum: 1 }),
});
const runIdParams = Type.Object({ runId: Type.String({ minLength: 1, maxLength: 100 }) });
const note = Type.String({ maxLength: 2000 });
export const datasetVersionSchema = anyObject({
  description: 'projectId, name, version, createdAtMs, itemCount, note',
});
export const runHeaderSchema = anyObject({
  description:
    'id, dataset, datasetVersion, target, repeats, createdAtMs, passRate, outcomeCount, note',
});

/** GET /api/datasets: the newest version of every dataset. */
export const listDatasets = defineRoute({
  method: 'GET',
  path: '/api/datasets',
  summary: 'Datasets with their newest version',
  tags,
  response: { 200: itemsOf(datasetVersionSchema) },
  errors: PROJECT_ERRORS,
});

/** POST /api/datasets/:name/versions: a change, written as the next immutable version. */
export const createDatasetVersion = defineRoute({
  method: 'POST',
  path: '/api/datasets/:name/versions',
  summary: 'Write the next immutable version of a dataset',
  description:
    'Exactly one of items (a list of item objects) or import ({format: csv|jsonl, text}). With append the items are added to the newest version (an item with the same id replaces it); otherwise they are the whole new version. Any bad row refuses the whole request, naming each line or index; nothing is half-imported.',
  tags,
  params: datasetParams,
  body: Type.Object(
    {
      items: Type.Optional(Type.Array(Type.Unsafe<unknown>({}), { maxItems: 100_000 })),
      import: Type.Optional(
        Type.Object(
          { format: stringEnum(DATASET_FORMATS), text: Type.String() },
          { additionalProperties: false },
        ),
      ),
      append: defaulted(Type.Boolean(), false),
      note: Type.Optional(note),
    },
    { additionalProperties: false },
  ),
  response: { 201: datasetVersionSchema },
  errors: PROJECT_ERRORS,
});

/** POST /api/datasets/:name/from-traces: add production traces as items. */
export const addTracesToDataset = defineRoute({
  method: 'POST',
  path: '/api/datasets/:name/from-traces',
  summary: 'Add production traces to a dataset as items (a new version)',
  description:
    "Copies each trace's input, rendered prompt variables, retrieved context and answer, with its failure categories; the dataset is created when new. 404 when a trace does not exist.",
  tags,
  params: datasetParams,
  body: Type.Object(
    {
      traceIds: Type.Array(traceId, { minItems: 1, maxItems: 500 }),
      note: Type.Optional(note),
    },
    { additionalProperties: false },
  ),
  response: { 201: datasetVersionSchema },
  errors: LOOKUP_ERRORS,
});

/** GET /api/datasets/:name/versions: every version, newest first. */
export const listDatasetVersions = defineRoute({
  method: 'GET',
  path: '/api/datasets/:name/versions',
  summary: "A dataset's versions, newest first",
  tags,
  params: datasetParams,
  response: { 200: itemsOf(datasetVersionSchema) },
  errors: LOOKUP_ERRORS,
});

/** GET /api/datasets/:name/versions/:version/items. */
export const getDatasetItems = defineRoute({
  method: 'GET',
  path: '/api/datasets/:name/versions/:version/items',
  summary: 'The items of one dataset version',
  tags,
  params: versionParams,
  response: {
    200: itemsOf(
      anyObject({
        description:
          'id, vars, expected, goldDocumentIds, metadata, sourceTraceId, categories, dimensions',
      }),
    ),
  },
  errors: LOOKUP_ERRORS,
});

/** GET /api/datasets/:name/versions/:version/export?format=jsonl|csv. */
export const exportDataset = defineRoute({
  method: 'GET',
  path: '/api/datasets/:name/versions/:version/export',
  summary: 'One dataset version as JSONL (application/x-ndjson) or CSV (text/csv)',
  tags,
  params: versionParams,
  querystring: Type.Object(
    { format: defaulted(stringEnum(DATASET_FORMATS), 'jsonl') },
    { additionalProperties: false },
  ),
  response: {},
  errors: LOOKUP_ERRORS,
});

const outcomeSchema = Type.Object(
  {
    itemId: Type.String({ minLength: 1, maxLength: 200 }),
    repeat: Type.Integer({ minimum: 0, maximum: 999 }),
    output: Type.String(),
    pass: Type.Boolean(),
    score: Type.Number(),
    namedScores: defaulted(recordOf<number>(Type.Number()), {}),
    reason: defaulted(Type.String(), ''),
    error: Type.Optional(Type.String()),
    latencyMs: Type.Optional(Type.Number({ minimum: 0 })),
    traceId: Type.Optional(traceId),
    assertions: defaulted(
      Type.Array(
        Type.Object(
          {
            type: Type.String(),
            pass: Type.Boolean(),
            score: Type.Number(),
            reason: Type.String(),
          },
          { additionalProperties: false },
        ),
      ),
      [],
    ),
  },
  { additionalProperties: false },
);

/** POST /api/eval-runs: store a run's per-item, per-repeat outcomes. */
export const createEvalRun = defineRoute({
  method: 'POST',
  path: '/api/eval-runs',
  summary: 'Record an experiment run: a dataset version × a target × repeats',
  description:
    'Every outcome must name an item of the dataset version and a repeat below repeats; each item and repeat once.',
  tags,
  body: Type.Object(
    {
      dataset: datasetName,
      datasetVersion: Type.Integer({ minimum: 1 }),
      target: Type.String({ minLength: 1, maxLength: 500 }),
      repeats: Type.Integer({ minimum: 1, maximum: 1000 }),
      note: Type.Optional(note),
      outcomes: Type.Array(outcomeSchema, { minItems: 1, maxItems: 1_000_000 }),
    },
    { additionalProperties: false },
  ),
  response: { 201: runHeaderSchema },
  errors: LOOKUP_ERRORS,
});

/** GET /api/eval-runs: run headers, newest first. */
export const listEvalRuns = defineRoute({
  method: 'GET',
  path: '/api/eval-runs',
  summary: 'Experiment runs, newest first',
  tags,
  querystring: Type.Object(
    {
      dataset: Type.Optional(datasetName),
      datasetVersion: Type.Optional(Type.Integer({ minimum: 1 })),
      limit: defaulted(Type.Integer({ minimum: 1, maximum: 1000 }), 100),
    },
    { additionalProperties: false },
  ),
  response: { 200: itemsOf(runHeaderSchema) },
  errors: PROJECT_ERRORS,
});

/** GET /api/eval-runs/:runId: one run with every outcome. */
export const getEvalRun = defineRoute({
  method: 'GET',
  path: '/api/eval-runs/:runId',
  summary: 'One experiment run with every outcome',
  tags,
  params: runIdParams,
  response: { 200: anyObject({ description: 'the run header and outcomes' }) },
  errors: LOOKUP_ERRORS,
});

/** GET /api/eval-runs/:runId/compare/:baselineId. */
export const compareEvalRuns = defineRoute({
  method: 'GET',
  path: '/api/eval-runs/:runId/compare/:baselineId',
  summary: 'Compare a run with a baseline on the same dataset version',
  description:
    'Paired by item: McNemar exact on pass/fail, Wilcoxon signed-rank on scores, bootstrap 95 % intervals, Holm across metrics, per-item flakiness and a minimum-detectable-effect note. The verdict is better, worse or no significant difference. items holds each item side by side. 400 when the runs are on different dataset versions.',
  tags,
  params: Type.Object({
    runId: runIdParams.properties.runId,
    baselineId: runIdParams.properties.runId,
  }),
  response: {
    200: anyObject({ description: 'baseline, candidate (headers), comparison, items' }),
  },
  errors: LOOKUP_ERRORS,
});

const ruleSchema = Type.Object(
  {
    id: Type.String(),
    segment: Type.Optional(recordOf<string>(Type.String())),
    rate: Type.Optional(Type.Number()),
    assert: Type.Array(anyObject()),
  },
  { additionalProperties: true },
);

/** GET /api/online-eval/rules. */
export const getSamplingRules = defineRoute({
  method: 'GET',
  path: '/api/online-eval/rules',
  summary: "The project's online-evaluation sampling rules",
  tags,
  response: { 200: Type.Object({ rules: Type.Array(anyObject()) }) },
  errors: PROJECT_ERRORS,
});

/** PUT /api/online-eval/rules: replace the rules. */
export const putSamplingRules = defineRoute({
  method: 'PUT',
  path: '/api/online-eval/rules',
  summary: 'Replace the online-evaluation sampling rules',
  description:
    'Each rule: id, segment (segment values such as route, model, meta.KEY), rate in (0, 1] (default 0.02), assert (promptfoo assertions: deterministic, glassbox:* failure categories, model-graded through the grader). Scores become the metrics score:<metric or type> that monitors watch.',
  tags,
  body: Type.Object(
    { rules: Type.Array(ruleSchema, { maxItems: 100 }) },
    { additionalProperties: false },
  ),
  response: { 200: Type.Object({ rules: Type.Array(anyObject()) }) },
  errors: PROJECT_ERRORS,
});

/** GET /api/traces/:traceId/scores: the evaluators' scores on a trace. */
export const getTraceScores = defineRoute({
  method: 'GET',
  path: '/api/traces/:traceId/scores',
  summary: "Evaluators' scores on a trace: online evaluators' and experiment outcomes'",
  description:
    "`items` are the online evaluators' scores; `experiments` the experiment outcomes whose call started this trace (the app traced it), newest run first.",
  tags,
  params: traceIdParams,
  response: {
    200: Type.Object({
      items: Type.Array(anyObject({ description: 'name, score, pass, reason, ruleId, atMs' })),
      experiments: Type.Array(
        anyObject({ description: 'run (header), outcome (itemId, repeat, pass, score, …)' }),
      ),
    }),
  },
  errors: LOOKUP_ERRORS,
});

/** GET /api/reviews: the human review queue. */
export const listReviews = defineRoute({
  method: 'GET',
  path: '/api/reviews',
  summary: 'The review queue, oldest first',
  tags,
  querystring: Type.Object(
    {
      pendingFor: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
      limit: defaulted(Type.Integer({ minimum: 1, maximum: 500 }), 100),
    },
    { additionalProperties: false },
  ),
  response: {
    200: itemsOf(anyObject({ description: 'traceId, reason, note, createdAtMs, reviewedBy' })),
  },
  errors: PROJECT_ERRORS,
});

/** POST /api/reviews: flag traces for review. */
export const enqueueReviews = defineRoute({
  method: 'POST',
  path: '/api/reviews',
  summary: 'Add traces to the review queue (flagged by a person, or a sample)',
  tags,
  body: Type.Object(
    {
      traceIds: Type.Optional(Type.Array(traceId, { minItems: 1, maxItems: 500 })),
      sample: Type.Optional(
        Type.Object(
          {
            count: Type.Integer({ minimum: 1, maximum: 500 }),
            sinceMs: Type.Optional(Type.Number()),
          },
          { additionalProperties: false },
        ),
      ),
      note: Type.Optional(note),
    },
    { additionalProperties: false },
  ),
  response: { 200: Type.Object({ added: Type.Integer(), traceIds: Type.Array(Type.String()) }) },
  errors: LOOKUP_ERRORS,
});

/** PUT /api/reviews/:traceId/labels: one reviewer's verdicts on the rubric dimensions. */
export const putReviewLabels = defineRoute({
  method: 'PUT',
  path: '/api/reviews/:traceId/labels',
  summary: "Record a reviewer's verdict on each rubric dimension of a trace",
  tags,
  params: traceIdParams,
  body: Type.Object(
    {
      reviewer: Type.String({ minLength: 1, maxLength: 100 }),
      verdicts: recordOf<ReviewVerdict>(stringEnum(REVIEW_VERDICTS), {
        minProperties: 1,
        propertyNames: { enum: Object.keys(RUBRIC_DIMENSIONS) },
      }),
    },
    { additionalProperties: false },
  ),
  response: { 200: Type.Object({ saved: Type.Integer() }) },
  errors: LOOKUP_ERRORS,
});

/** GET /api/reviews/agreement: Cohen's kappa per rubric dimension. */
export const getReviewAgreement = defineRoute({
  method: 'GET',
  path: '/api/reviews/agreement',
  summary: "Cohen's kappa per rubric dimension: reviewers against the judge and each other",
  tags,
  response: {
    200: itemsOf(anyObject({ description: 'dimension, reviewerVsJudge, betweenReviewers' })),
  },
  errors: PROJECT_ERRORS,
});

/** GET /api/eval-coverage: failure categories and rubric dimensions without dataset items. */
export const getEvalCoverage = defineRoute({
  method: 'GET',
  path: '/api/eval-coverage',
  summary: 'Which failure categories and rubric dimensions have dataset items, and which have none',
  description: "Over the newest version of every dataset; the postmortem's detection gap.",
  tags,
  response: {
    200: anyObject({
      description:
        'categories, dimensions (name, items, datasets), uncoveredCategories, uncoveredDimensions',
    }),
  },
  errors: PROJECT_ERRORS,
});
