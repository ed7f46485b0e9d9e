import { Type } from './type-builder.js';
import { FAILURE_CATEGORIES, type FailureCategory } from '../classify/index.js';
import { BISECTION_FACTORS } from '../replay/bisection-factors.js';
import { OVERRIDABLE_PARAMETERS } from '../replay/plan-replay.js';
import { defineRoute, LOOKUP_ERRORS, PROJECT_ERRORS } from './route-contract.js';
import { anyObject, defaulted, OPEN, recordOf, stringEnum } from './schema-helpers.js';
import { traceIdParams } from './trace-routes.js';

/** Trials one request may ask for; servers may lower it (`replay.maxTrials`). */
export const REPLAY_MAX_TRIALS = 200;

const tags = ['replay'];
const spanIdPattern = '^[0-9a-fA-F]{16}$';
const categories = Type.Array(stringEnum(Object.keys(FAILURE_CATEGORIES) as FailureCategory[]), {
  minItems: 1,
  description:
    "Finding categories a replayed answer must not show (default: the failing trace's categories the good reference does not show).",
});

/** Deterministic promptfoo-style assertions a replayed answer must pass. */
export const replayAssertionsSchema = Type.Array(
  Type.Object(
    {
      type: Type.String({ minLength: 1 }),
      value: Type.Optional(Type.Unsafe<unknown>({})),
      threshold: Type.Optional(Type.Number()),
    },
    { additionalProperties: false },
  ),
  {
    minItems: 1,
    description:
      'Deterministic promptfoo-style assertions (contains, icontains, regex, is-json, equals, starts-with, contains-json, glassbox:no-refusal, ..., each also with not-) every replayed answer must pass. Given without categories, they judge alone.',
  },
);

/** What a replay may change in the recorded call. */
export const overridesSchema = Type.Object(
  {
    model: Type.Optional(Type.String({ minLength: 1 })),
    parameters: Type.Optional(
      Type.Object(
        {
          ...Object.fromEntries(
            OVERRIDABLE_PARAMETERS.map((p) => [
              p,
              Type.Optional(Type.Unsafe<number | null>({ type: ['number', 'null'] })),
            ]),
          ),
          stop: Type.Optional(
            Type.Unsafe<string[] | null>({ type: ['array', 'null'], items: { type: 'string' } }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    systemPrompt: Type.Optional(
      Type.String({
        description:
          'Replaces the system messages; {{context}} marks where the retrieved documents go.',
      }),
    ),
    messages: Type.Optional(
      Type.Array(
        Type.Object(
          { index: Type.Integer({ minimum: 0 }), content: Type.String() },
          { additionalProperties: false },
        ),
      ),
    ),
    documents: Type.Optional(
      Type.Array(
        Type.Object(
          { id: Type.Optional(Type.String()), content: Type.String() },
          { additionalProperties: true },
        ),
        {
          description:
            'Replaces the retrieved documents quoted in the prompt (edited, removed, or from another trace).',
        },
      ),
    ),
    tools: Type.Optional(Type.Array(anyObject())),
    toolChoice: Type.Optional(
      Type.Unsafe<unknown>({
        description: "OpenAI tool_choice: 'auto', 'none', 'required' or a function",
      }),
    ),
    responseFormat: Type.Optional(anyObject()),
  },
  { additionalProperties: false },
);

/** POST /api/traces/:traceId/spans/:spanId/replays: re-run one recorded LLM call. */
export const replaySpan = defineRoute({
  method: 'POST',
  path: '/api/traces/:traceId/spans/:spanId/replays',
  summary: 'Replay a recorded LLM call with overrides, N trials, judged by the classifier',
  description:
    'Every recorded field (messages with tool-call turns and their results, tools, tool_choice, response_format, stop, seed, max_tokens, sampling) is sent unless overridden. Each trial is classified on the trace as the replay would have made it; replays are not ingested, so they stay out of metrics and detection. 400 codes: span_not_replayable, no_provider, unknown_model.',
  tags,
  params: Type.Object({
    traceId: traceIdParams.properties.traceId,
    spanId: Type.String({ pattern: spanIdPattern }),
  }),
  body: Type.Object(
    {
      overrides: Type.Optional(overridesSchema),
      trials: defaulted(Type.Integer({ minimum: 1, maximum: REPLAY_MAX_TRIALS }), 1),
      categories: Type.Optional(categories),
      assertions: Type.Optional(replayAssertionsSchema),
    },
    { additionalProperties: false },
  ),
  response: {
    200: anyObject({
      description:
        'traceId, spanId, request (what was sent), overridden, targetCategories, trials (output, findings, failed, error, usage, costUsd, latencyMs), judged, failures, errors, failureRate (Wilson 95 %), costUsd, wallMs',
    }),
  },
  errors: LOOKUP_ERRORS,
});

/** POST /api/traces/:traceId/bisect: swap one factor at a time toward a good trace. */
export const bisectTrace = defineRoute({
  method: 'POST',
  path: '/api/traces/:traceId/bisect',
  summary: 'Bisect a failing trace against a good one: which factor fixes it',
  description:
    'Replays the bad LLM call as-is and with each differing factor (model, sampling, prompt, context, tools, output) set to the good value, N trials each; pairs when no single factor fixes it. Each arm: failure rate with a Wilson interval, Fisher exact p against the bad arm, Holm-adjusted, risk difference with a Newcombe interval. dryRun answers the planned calls and estimated cost only. The budget cap stops the run with the results so far. 400 codes: span_not_replayable, no_provider, unknown_model, budget_too_small.',
  tags,
  params: traceIdParams,
  body: Type.Object(
    {
      good: Type.Object(
        {
          traceId: Type.Optional(traceIdParams.properties.traceId),
          spanId: Type.Optional(Type.String({ pattern: spanIdPattern })),
          before: Type.Optional(
            Type.Boolean({
              description:
                'Without traceId: the latest trace of the same route before the failing one that shows none of its finding categories.',
            }),
          ),
          snapshot: Type.Optional(
            Type.Boolean({
              description:
                "The failing span's own version snapshot (glassbox.version.*: model, param.temperature, ...): the good call is the bad one with the pinned values.",
            }),
          ),
          versions: Type.Optional(
            recordOf<string>(Type.String({ minLength: 1 }), {
              minProperties: 1,
              description:
                'A version snapshot to use as the good reference (model, param.<name>), e.g. {"model":"gpt-4o-mini-2024-07-18","param.temperature":"0.2"}.',
            }),
          ),
        },
        { additionalProperties: false },
      ),
      spanId: Type.Optional(Type.String({ pattern: spanIdPattern })),
      factors: Type.Optional(Type.Array(stringEnum(BISECTION_FACTORS), { minItems: 1 })),
      trials: defaulted(Type.Integer({ minimum: 1, maximum: REPLAY_MAX_TRIALS }), 20),
      budgetUsd: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
      pairs: defaulted(Type.Boolean(), true),
      categories: Type.Optional(categories),
      assertions: Type.Optional(replayAssertionsSchema),
      dryRun: defaulted(Type.Boolean(), false),
    },
    { additionalProperties: false },
  ),
  response: {
    200: Type.Object(
      {
        traceId: Type.String(),
        goodTraceId: Type.String(),
        plan: anyObject(),
        arms: Type.Array(anyObject()),
        verdict: Type.Unsafe<object | null>({ type: ['object', 'null'], ...OPEN }),
      },
      OPEN,
    ),
  },
  errors: LOOKUP_ERRORS,
});

/** GET /api/traces/:traceId/replays: the stored replay and bisection runs of a trace. */
export const listReplayRuns = defineRoute({
  method: 'GET',
  path: '/api/traces/:traceId/replays',
  summary: 'Replay and bisection runs of a trace, newest first, with their results',
  tags,
  params: traceIdParams,
  querystring: Type.Object(
    { limit: defaulted(Type.Integer({ minimum: 1, maximum: 100 }), 20) },
    { additionalProperties: false },
  ),
  response: {
    200: Type.Object({
      items: Type.Array(
        Type.Object(
          {
            id: Type.String(),
            traceId: Type.String(),
            spanId: Type.String(),
            kind: Type.String(),
            createdAtMs: Type.Number(),
            summary: Type.String(),
            result: Type.Unsafe<unknown>({ type: 'object', ...OPEN }),
          },
          OPEN,
        ),
      ),
    }),
  },
  errors: PROJECT_ERRORS,
});
