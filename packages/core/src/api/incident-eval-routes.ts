import { Type } from './type-builder.js';
import { idParamsSchema } from './detection-schemas.js';
import { datasetName, datasetVersionSchema, runHeaderSchema } from './eval-routes.js';
import { author } from './incident-workspace-routes.js';
import { overridesSchema, replayAssertionsSchema } from './replay-routes.js';
import { defineRoute, LOOKUP_ERRORS } from './route-contract.js';
import { traceIdParams } from './trace-routes.js';

/** The most traces one incident eval replays (each `trials` times). */
export const INCIDENT_EVAL_MAX_TRACES = 20;
/** The most trials per trace of one incident eval. */
export const INCIDENT_EVAL_MAX_TRIALS = 20;

/** The longest expected output one item may carry. */
export const INCIDENT_EVAL_MAX_EXPECTED = 4000;

/** POST /api/incidents/:id/evals. */
export const runIncidentEval = defineRoute({
  method: 'POST',
  path: '/api/incidents/:id/evals',
  summary: "Add the incident's failing traces to a dataset and run an eval on them",
  description:
    "Appends the traces (default: the postmortem's failing samples) to the dataset as a new version, replays each trace's LLM call `trials` times with the overrides (none: as recorded), judges every answer with the classifier (pass: none of the trace's failure categories) and, where given, promptfoo-style assertions: `expected` holds a written expected output per trace in promptfoo's `__expected` form (`icontains:14 days`, `regex:...`, or text to equal) and is kept on the dataset item, so later runs grade it too; `assertions` apply to every answer. Records the run on that version and notes it in the workspace. The run then shows on the incident's timeline. 400 codes as replays: span_not_replayable, no_provider, unknown_model.",
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
      expected: Type.Optional(
        Type.Unsafe<Record<string, string>>({
          type: 'object',
          patternProperties: {
            '^[0-9a-fA-F]{32}$': {
              type: 'string',
              minLength: 1,
              maxLength: INCIDENT_EVAL_MAX_EXPECTED,
            },
          },
          additionalProperties: false,
          description:
            'Expected output per trace id, in promptfoo `__expected` form; deterministic types only (a replay cannot run a judge or a script).',
        }),
      ),
      assertions: Type.Optional(replayAssertionsSchema),
    },
    { additionalProperties: false },
  ),
  response: { 201: Type.Object({ dataset: datasetVersionSchema, run: runHeaderSchema }) },
  errors: LOOKUP_ERRORS,
});
