/** A lognormal latency described by its median and 95th percentile, in milliseconds. */
export interface LatencyDistribution {
  medianMs: number;
  p95Ms: number;
}

/** What the provider does with a prompt longer than the model's context window. */
export type ContextOverflowMode = 'error' | 'truncate';

/** How an upstream format change mangles text before it is embedded. */
export type EmbeddingFormatChange = 'none' | 'markup' | 'whitespace';

/**
 * Everything the simulator can be told to do to a request. The base behaviour applies to all
 * requests; each matching rule overrides some of it.
 */
export interface Behavior {
  /** Whole-response latency (non-streaming) or time before the last chunk (streaming). */
  latency: LatencyDistribution;
  /** Time to first token on streams. */
  timeToFirstToken: LatencyDistribution;
  /** Pause between stream chunks. */
  interChunkMs: number;
  /** Share of requests that never get an answer (the client must time out). */
  hangRate: number;
  /** Share of requests processed (and counted) whose response is then delayed by `delayMs`. */
  lateResponse: { rate: number; delayMs: number };
  /** 429s: a random share, and/or a requests-per-window quota per model. */
  rateLimit: {
    rate: number;
    requestsPerWindow: number | null;
    windowMs: number;
    retryAfterSeconds: number;
  };
  /** 5xx bursts: a share of requests fail while the burst lasts (`durationMs` from when set). */
  serverErrors: {
    rate: number;
    statuses: number[];
    durationMs: number | null;
    retryAfterSeconds: number;
  };
  /** Overrides the model's context window (tokens). */
  contextWindow: number | null;
  contextOverflow: ContextOverflowMode;
  /** Overrides the model version reported in responses (a silent upstream model change). */
  returnedModel: string | null;
  refusalRate: number;
  /** Share of JSON-mode answers that are valid JSON with every required field. */
  formatComplianceRate: number;
  /** Share of answers not supported by the supplied context (or by the question). */
  hallucinationRate: number;
  /** Multiplier on answer length. */
  verbosity: number;
  /** Share of answers that agree with a false premise in the question. */
  sycophancyRate: number;
  /** Share of answers stopped by the content filter. */
  contentFilterRate: number;
  /** Multiplier on the reported cost (header `x-sim-cost-usd`). */
  costMultiplier: number;
  embeddingFormatChange: EmbeddingFormatChange;
  /** Gateway faults: broken streams, resets, flapping, prefill handling (see transport-faults.ts). */
  streamFault: StreamFault;
  /** Share of requests whose connection is reset before any answer (TCP RST). */
  resetRate: number;
  /** The first `count` requests after the config is applied fail with `status`. */
  failFirst: { count: number; status: number };
  /** Alternating outages: failing with `status` for the first half of every period. */
  flapping: { periodMs: number | null; status: number };
  /** What the model does with a trailing assistant message: continue it, or reject it (400). */
  prefill: PrefillMode;
}

/** How a streamed answer breaks: cut (socket closed), stall, a malformed chunk, or no [DONE]. */
export interface StreamFault {
  kind: 'none' | 'cut' | 'stall' | 'malformed' | 'no_done';
  /** Chunks written before the fault. */
  afterChunks: number;
  /** Share of streams the fault hits. */
  rate: number;
}

export type PrefillMode = 'continue' | 'reject';

/** A partial behaviour: nested settings (latency, rateLimit, ...) may be partial too. */
export type BehaviorPatch = {
  [K in keyof Behavior]?: Behavior[K] extends unknown[]
    ? Behavior[K]
    : Behavior[K] extends object
      ? Partial<Behavior[K]>
      : Behavior[K];
};

/** Which requests a rule applies to; every given field must match. */
export interface RuleMatch {
  /** Requested model id, exact. */
  model?: string;
  /** Case-insensitive regular expression tested against the request's text. */
  pattern?: string;
  route?: 'chat' | 'embeddings' | 'tools';
  /** Tool name for `/v1/tools/:name` side-effect calls. */
  tool?: string;
  /**
   * Chat requests sampled hotter than this (a request without temperature counts as 1, the
   * API default): failures that depend on sampling, so a replay at the old temperature clears.
   */
  temperatureAbove?: number;
}

export interface BehaviorRule {
  name?: string;
  match: RuleMatch;
  behavior: BehaviorPatch;
}

export interface ModelSpec {
  id: string;
  kind: 'chat' | 'embedding';
  /** The version string reported in `model` on responses. */
  version: string;
  contextWindow: number;
  maxOutputTokens: number;
  /** USD per million tokens. */
  inputPrice: number;
  outputPrice: number;
  /** Embedding models: default vector size. */
  dimensions?: number;
}

export interface SimulatorConfig {
  seed: number;
  /** Mix a per-request counter into the randomness: identical requests then differ. */
  varyByRequestCounter: boolean;
  /** Reject models not in `models` with 404 model_not_found. */
  strictModels: boolean;
  models: ModelSpec[];
  behavior: Behavior;
  rules: BehaviorRule[];
}

/** A config update: top-level fields replaced, `behavior` merged field by field. */
export type SimulatorConfigPatch = Partial<Omit<SimulatorConfig, 'behavior'>> & {
  behavior?: BehaviorPatch;
};

/** A well-behaved provider: instant, no faults. */
export function defaultBehavior(): Behavior {
  return {
    latency: { medianMs: 0, p95Ms: 0 },
    timeToFirstToken: { medianMs: 0, p95Ms: 0 },
    interChunkMs: 0,
    hangRate: 0,
    lateResponse: { rate: 0, delayMs: 0 },
    rateLimit: { rate: 0, requestsPerWindow: null, windowMs: 60_000, retryAfterSeconds: 1 },
    serverErrors: { rate: 0, statuses: [500, 502, 503], durationMs: null, retryAfterSeconds: 1 },
    contextWindow: null,
    contextOverflow: 'error',
    returnedModel: null,
    refusalRate: 0,
    formatComplianceRate: 1,
    hallucinationRate: 0,
    verbosity: 1,
    sycophancyRate: 0,
    contentFilterRate: 0,
    costMultiplier: 1,
    embeddingFormatChange: 'none',
    streamFault: { kind: 'none', afterChunks: 0, rate: 1 },
    resetRate: 0,
    failFirst: { count: 0, status: 500 },
    flapping: { periodMs: null, status: 503 },
    prefill: 'continue',
  };
}

export function defaultModels(): ModelSpec[] {
  const chat = (id: string, version: string, contextWindow: number, i: number, o: number) =>
    ({
      id,
      kind: 'chat',
      version,
      contextWindow,
      maxOutputTokens: 16_384,
      inputPrice: i,
      outputPrice: o,
    }) as const;
  return [
    chat('sim-gpt-4o', 'sim-gpt-4o-2024-08-06', 128_000, 2.5, 10),
    chat('sim-gpt-4o-mini', 'sim-gpt-4o-mini-2024-07-18', 128_000, 0.15, 0.6),
    chat('sim-small', 'sim-small-2024-05-01', 8_192, 0.05, 0.2),
    {
      id: 'sim-embedding-small',
      kind: 'embedding',
      version: 'sim-embedding-small-2024-01-25',
      contextWindow: 8_191,
      maxOutputTokens: 0,
      inputPrice: 0.02,
      outputPrice: 0,
      dimensions: 256,
    },
  ];
}

export function defaultConfig(seed = 0): SimulatorConfig {
  return {
    seed,
    varyByRequestCounter: false,
    strictModels: false,
    models: defaultModels(),
    behavior: defaultBehavior(),
    rules: [],
  };
}
