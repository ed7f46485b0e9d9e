import { PromptCache } from '../chat/prompt-cache.js';
import type {
  ModelSpec,
  SimulatorConfig,
  SimulatorConfigPatch,
} from '../config/simulator-config.js';
import { applyConfigPatch, validateConfigPatch } from '../config/validate-config.js';
import { WindowRateLimiter } from '../faults/window-rate-limiter.js';
import { shortHash } from '../util/seeded-random.js';
import { ProviderError } from './provider-error.js';
import type { SimulatorStats } from './simulator-stats.js';
import { emptyStats } from './simulator-stats.js';

/** The simulator's mutable run-time state: config, counters, limiter windows, prompt cache. */
export class SimulatorState {
  config: SimulatorConfig;
  /** When the current config was applied; 5xx bursts with a duration count from here. */
  configAppliedAt = Date.now();
  stats: SimulatorStats = emptyStats();
  readonly limiter = new WindowRateLimiter();
  readonly cache = new PromptCache();
  requestCounter = 0;
  private readonly attempts = new Map<string, number>();

  constructor(private readonly initial: SimulatorConfig) {
    this.config = structuredClone(initial);
  }

  /** Validates and applies a config update; throws ConfigError naming the bad field. */
  update(patch: unknown): SimulatorConfig {
    const valid: SimulatorConfigPatch = validateConfigPatch(patch);
    this.config = applyConfigPatch(this.config, valid);
    this.configAppliedAt = Date.now();
    return this.config;
  }

  /** Back to the start config, with counters, windows and caches cleared. */
  reset(): void {
    this.config = structuredClone(this.initial);
    this.configAppliedAt = Date.now();
    this.stats = emptyStats();
    this.limiter.clear();
    this.cache.clear();
    this.attempts.clear();
    this.requestCounter = 0;
  }

  /** How many times this exact body was seen before: retries of one request differ by it. */
  nextAttempt(bodyText: string): number {
    const key = shortHash(bodyText, 24);
    const attempt = this.attempts.get(key) ?? 0;
    if (this.attempts.size > 50_000) this.attempts.clear();
    this.attempts.set(key, attempt + 1);
    return attempt;
  }

  /** The model spec for a requested id; unknown ids are accepted unless `strictModels`. */
  model(id: string, kind: ModelSpec['kind']): ModelSpec {
    const known = this.config.models.find((m) => m.id === id);
    if (known) return known;
    if (this.config.strictModels) {
      throw new ProviderError(
        'model_not_found',
        `The model \`${id}\` does not exist or you do not have access to it.`,
        { param: 'model' },
      );
    }
    const template = this.config.models.find((m) => m.kind === kind);
    return {
      id,
      kind,
      version: id,
      contextWindow: template?.contextWindow ?? (kind === 'chat' ? 128_000 : 8_191),
      maxOutputTokens: template?.maxOutputTokens ?? 16_384,
      inputPrice: template?.inputPrice ?? 0,
      outputPrice: template?.outputPrice ?? 0,
      ...(kind === 'embedding' ? { dimensions: template?.dimensions ?? 256 } : {}),
    };
  }
}
