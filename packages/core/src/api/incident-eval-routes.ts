import { Type } from './type-builder.js';
import { idParamsSchema } from './detection-schemas.js';
import { datasetName, datasetVersionSchema, runHeaderSchema } from './eval-routes.js';
import { author } from './incident-workspace-routes.js';
import { overridesSchema } from './replay-routes.js';
import { defineRoute, LOOKUP_ERRORS } from './route-contract.js';
import { traceIdParams } from './trace-routes.js';

/** The most traces one incident eval replays (each `trials` times). */
export const INCIDENT_EVAL_MAX_TRACES = 20;
/** The most trials per trace of one incident eval. */
export const INCIDENT_EVAL_MAX_TRIALS = 20;

/** POST /api/incidents/:id/evals. */
export const runIncidentEval = defineRoute({
  method: 'POST',
  path: '/api/incidents/:id/evals',
  summary: "Add the incident's failing traces to a dataset and run an eval on them",
  description:
    "Appends the traces (default: the postmortem's failing samples) to the dataset as a new version, replays each trace's LLM call `trials` times with the overrides (none: as recorded), judges every answer with the classifier (pass: none of the trace's failure categories), records the run on that version and notes it in the workspace. The run then shows on the incident's timeline. 400 codes as replays: span_not_replayable, no_provider, unknown_model.",
  tags: ['incidents'],
  params: idParamsSchema,
  body: Type.Object(
    {
      author,
      dataset: datasetName,
      traceIds: Type.Optional(
        Type.Array(traceIdParams.properties.traceId, {
          minItems: 1,
          maxItems: INCIDENT_EVAL_MAX_TRACES,
        }),
      ),
      trials: Type.Optional(Type.Integer({ minimum: 1, maximum: INCIDENT_EVAL_MAX_TRIALS })),
      overrides: Type.Optional(overridesSchema),
    },
    { additionalProperties: false },
  ),
  response: { 201: Type.Object({ dataset: datasetVersionSchema, run: runHeaderSchema }) },
  errors: LOOKUP_ERRORS,
});
