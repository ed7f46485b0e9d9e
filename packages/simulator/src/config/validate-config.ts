import { ConfigError } from './config-error.js';
import type {
  Behavior,
  BehaviorPatch,
  BehaviorRule,
  ModelSpec,
  SimulatorConfig,
  SimulatorConfigPatch,
} from './simulator-config.js';

type Check = (value: unknown, field: string) => void;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const number =
  (min: number, max = Infinity): Check =>
  (v, field) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      throw new ConfigError(field, `must be a number between ${min} and ${max}`);
    }
  };
const rate = number(0, 1);
const nonNegative = number(0);
const nullable =
  (check: Check): Check =>
  (v, field) => {
    if (v !== null) check(v, field);
  };
const oneOf =
  (...values: string[]): Check =>
  (v, field) => {
    if (typeof v !== 'string' || !values.includes(v)) {
      throw new ConfigError(field, `must be one of ${values.map((x) => `'${x}'`).join(', ')}`);
    }
  };
const text: Check = (v, field) => {
  if (typeof v !== 'string' || v.length === 0)
    throw new ConfigError(field, 'must be a non-empty string');
};
const boolean: Check = (v, field) => {
  if (typeof v !== 'boolean') throw new ConfigError(field, 'must be a boolean');
};
const regex: Check = (v, field) => {
  text(v, field);
  try {
    new RegExp(v as string, 'i');
  } catch (error) {
    throw new ConfigError(field, `is not a valid regular expression (${(error as Error).message})`);
  }
};
const object =
  (shape: Record<string, Check>, required: readonly string[] = []): Check =>
  (v, field) => {
    if (!isRecord(v)) throw new ConfigError(field, 'must be an object');
    for (const key of required) {
      if (!(key in v)) throw new ConfigError(`${field}.${key}`, 'is required');
    }
    for (const [key, value] of Object.entries(v)) {
      const check = shape[key];
      if (!check) throw new ConfigError(`${field}.${key}`, 'is not a known field');
      check(value, `${field}.${key}`);
    }
  };
const arrayOf =
  (check: Check): Check =>
  (v, field) => {
    if (!Array.isArray(v)) throw new ConfigError(field, 'must be an array');
    v.forEach((item, i) => check(item, `${field}[${i}]`));
  };

const latency = object({ medianMs: nonNegative, p95Ms: nonNegative });
const behaviorShape: Record<keyof Behavior, Check> = {
  latency,
  timeToFirstToken: latency,
  interChunkMs: nonNegative,
  hangRate: rate,
  lateResponse: object({ rate, delayMs: nonNegative }),
  rateLimit: object({
    rate,
    requestsPerWindow: nullable(number(1)),
    windowMs: number(1),
    retryAfterSeconds: nonNegative,
  }),
  serverErrors: object({
    rate,
    statuses: arrayOf((v, field) => {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 500 || v > 599) {
        throw new ConfigError(field, 'must be an HTTP 5xx status');
      }
    }),
    durationMs: nullable(nonNegative),
    retryAfterSeconds: nonNegative,
  }),
  contextWindow: nullable(number(1)),
  contextOverflow: oneOf('error', 'truncate'),
  returnedModel: nullable(text),
  refusalRate: rate,
  formatComplianceRate: rate,
  hallucinationRate: rate,
  verbosity: number(0.05, 20),
  sycophancyRate: rate,
  contentFilterRate: rate,
  costMultiplier: nonNegative,
  embeddingFormatChange: oneOf('none', 'markup', 'whitespace'),
  streamFault: object({
    kind: oneOf('none', 'cut', 'stall', 'malformed', 'no_done'),
    afterChunks: nonNegative,
    rate,
  }),
  resetRate: rate,
  failFirst: object({ count: nonNegative, status: number(400, 599) }),
  flapping: object({ periodMs: nullable(number(1)), status: number(400, 599) }),
  prefill: oneOf('continue', 'reject'),
};
const behavior = object(behaviorShape);
const rule = object(
  {
    name: text,
    match: object({
      model: text,
      pattern: regex,
      route: oneOf('chat', 'embeddings', 'tools'),
      tool: text,
      temperatureAbove: number(0, 2),
    }),
    behavior,
  },
  ['match', 'behavior'],
);
const model = object(
  {
    id: text,
    kind: oneOf('chat', 'embedding'),
    version: text,
    contextWindow: number(1),
    maxOutputTokens: nonNegative,
    inputPrice: nonNegative,
    outputPrice: nonNegative,
    dimensions: number(1, 4096),
  },
  ['id', 'kind', 'version', 'contextWindow', 'maxOutputTokens', 'inputPrice', 'outputPrice'],
);
const patch = object({
  seed: number(-(2 ** 53), 2 ** 53),
  varyByRequestCounter: boolean,
  strictModels: boolean,
  models: arrayOf(model),
  behavior,
  rules: arrayOf(rule),
});

/**
 * Checks an untrusted config update and returns it typed, or throws a {@link ConfigError}
 * naming the first wrong field (e.g. `behavior.refusalRate`).
 *
 * @example validateConfigPatch({ behavior: { refusalRate: 0.2 } })
 */
export function validateConfigPatch(value: unknown): SimulatorConfigPatch {
  patch(value, 'config');
  return value as SimulatorConfigPatch;
}

/** Applies a validated patch: `behavior` merges field by field, other fields are replaced. */
export function applyConfigPatch(
  current: SimulatorConfig,
  update: SimulatorConfigPatch,
): SimulatorConfig {
  const next: SimulatorConfig = structuredClone(current);
  if (update.seed !== undefined) next.seed = update.seed;
  if (update.varyByRequestCounter !== undefined)
    next.varyByRequestCounter = update.varyByRequestCounter;
  if (update.strictModels !== undefined) next.strictModels = update.strictModels;
  if (update.models) next.models = structuredClone(update.models) as ModelSpec[];
  if (update.rules) next.rules = structuredClone(update.rules) as BehaviorRule[];
  if (update.behavior) next.behavior = mergeBehavior(next.behavior, update.behavior);
  return next;
}

/** Overlays a partial behaviour; nested objects (latency, rateLimit...) merge one level deep. */
export function mergeBehavior(base: Behavior, overlay: BehaviorPatch): Behavior {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const previous = merged[key];
    merged[key] =
      isRecord(value) && isRecord(previous) ? { ...previous, ...value } : structuredClone(value);
  }
  return merged as unknown as Behavior;
}
