import type { BudgetLedger, IdempotencyStore } from '@glassbox/core/guards';
import {
  BreakerRegistry,
  ExactCache,
  LeasedBudgetLedger,
  LoopGuard,
  MemoryBudgetLedger,
  MemoryIdempotencyStore,
  SemanticCache,
} from '@glassbox/core/guards';
import { ExponentialBackoff } from 'cockatiel';
import type { GatewayConfig } from './config/gateway-config.js';
import type { Authenticator } from './http/authenticate.js';
import { GatewayMetrics } from './metrics/gateway-metrics.js';
import { OtlpJsonExporter } from './tracing/otlp-json-exporter.js';

/** A stored answer: what a cache hit or an idempotent replay sends again. */
export interface StoredAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** Where budgets and idempotency keys live: memory for one replica, the database for many. */
export interface GatewayStores {
  ledger: BudgetLedger;
  idempotency: IdempotencyStore;
}

export interface GatewayRuntimeOptions {
  config: GatewayConfig;
  env: Readonly<Record<string, string | undefined>>;
  /** Glassbox project keys; null serves the `default` project (loopback only). */
  authenticate: Authenticator | null;
  /**
   * Shared stores (the CLI passes SQL ones over the Glassbox database); memory by default.
   * A shared ledger is spent from in leased slices, so a call does not touch the database.
   */
  stores?: GatewayStores;
}

const SESSION_LIMIT = 50_000;

/**
 * Everything one gateway process shares across requests: config, breakers, stores,
 * caches, per-session loop guards, the span exporter and metrics.
 */
export class GatewayRuntime {
  readonly breakers: BreakerRegistry;
  readonly stores: GatewayStores;
  readonly exactCache: ExactCache<StoredAnswer> | null;
  readonly semanticCache: SemanticCache<StoredAnswer> | null;
  readonly exporter: OtlpJsonExporter | null;
  readonly metrics = new GatewayMetrics();
  readonly backoffMs: (attempt: number) => number;
  private readonly sessions = new Map<string, LoopGuard>();

  constructor(readonly options: GatewayRuntimeOptions) {
    const { config } = options;
    this.breakers = new BreakerRegistry(config.guards.breaker);
    this.stores = options.stores
      ? {
          ...options.stores,
          ledger: new LeasedBudgetLedger(options.stores.ledger, {
            sliceFraction: config.guards.budgetSlice,
          }),
        }
      : { ledger: new MemoryBudgetLedger(), idempotency: new MemoryIdempotencyStore() };
    this.exactCache = config.cache.exact.enabled
      ? new ExactCache({
          maxEntries: config.cache.exact.maxEntries,
          ttlMs: config.cache.exact.ttlMs,
        })
      : null;
    this.semanticCache = config.cache.semantic.enabled
      ? new SemanticCache({
          threshold: config.cache.semantic.threshold,
          maxEntriesPerTenant: config.cache.semantic.maxEntriesPerTenant,
        })
      : null;
    this.exporter = config.glassboxUrl ? new OtlpJsonExporter(config.glassboxUrl) : null;
    const backoff = new ExponentialBackoff({
      initialDelay: config.guards.backoff.initialDelayMs,
      maxDelay: config.guards.backoff.maxDelayMs,
    });
    this.backoffMs = (attempt) => {
      let b = backoff.next();
      for (let i = 1; i < attempt; i++) b = b.next(undefined);
      return b.duration;
    };
  }

  get config(): GatewayConfig {
    return this.options.config;
  }

  /** The loop guard of a session, created on first use; the oldest sessions are forgotten first. */
  sessionGuard(session: string): LoopGuard {
    let guard = this.sessions.get(session);
    if (guard) {
      this.sessions.delete(session);
    } else {
      guard = new LoopGuard(this.config.guards.loop);
      if (this.sessions.size >= SESSION_LIMIT)
        this.sessions.delete(this.sessions.keys().next().value!);
    }
    this.sessions.set(session, guard);
    return guard;
  }

  /** The upstream key of a provider, read from the environment at call time, never kept. */
  apiKey(envName: string | null): string | null {
    return envName ? (this.options.env[envName] ?? null) : null;
  }

  /** Flushes spans and returns leased budget slices (what was not spent goes back to the cap). */
  async close(): Promise<void> {
    await Promise.all([
      this.exporter?.close(),
      this.stores.ledger instanceof LeasedBudgetLedger ? this.stores.ledger.close() : undefined,
    ]);
  }
}
