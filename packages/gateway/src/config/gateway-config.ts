import type {
  BudgetLimit,
  ChainLink,
  CircuitBreakerOptions,
  LoopGuardOptions,
} from '@glassbox/core/guards';
import type { ProviderConfig } from '@glassbox/core/providers';

/** A budget from the config: without `id` it applies to every key, user, session or project. */
export type BudgetRule = Omit<BudgetLimit, 'id'> & { id?: string };

/** Everything `glassbox gateway` runs with, validated and complete. */
export interface GatewayConfig {
  providers: ProviderConfig[];
  /** Requested model -> ordered fallback chain. Unlisted models go to the first provider. */
  routes: Record<string, ChainLink[]>;
  /** Attempts on the default route's single link. */
  defaultMaxAttempts: number;
  budgets: BudgetRule[];
  guards: {
    breaker: CircuitBreakerOptions;
    /** A Retry-After beyond this fails over instead of waiting. */
    maxRetryAfterMs: number;
    backoff: { initialDelayMs: number; maxDelayMs: number };
    /** Refuse requests over the model's context budget (when the gateway knows the window). */
    contextBudget: boolean;
    /** Output tokens assumed when a request sets no max_tokens (budget estimates, context budget). */
    defaultOutputReserve: number;
    /**
     * Share of a budget's cap a replica leases from the shared database at once and spends
     * locally (budgets over a shared database only): bigger slices touch the database less,
     * smaller ones leave less idle with other replicas near the cap.
     */
    budgetSlice: number;
    /** Per session (`x-glassbox-session`): step limit, identical tool calls, ping-pong. */
    loop: LoopGuardOptions;
  };
  cache: {
    exact: { enabled: boolean; ttlMs: number; maxEntries: number };
    semantic: {
      enabled: boolean;
      provider: string;
      model: string;
      threshold: number;
      maxEntriesPerTenant: number;
    };
  };
  /** Where traces go (OTLP/HTTP JSON); null sends none. */
  glassboxUrl: string | null;
  /** Record prompts and answers on spans (off: token counts and metadata only). */
  captureContent: boolean;
}

export const DEFAULT_GUARDS: GatewayConfig['guards'] = {
  breaker: { failureThreshold: 3, windowMs: 30_000, openMs: 30_000 },
  maxRetryAfterMs: 10_000,
  backoff: { initialDelayMs: 100, maxDelayMs: 5_000 },
  contextBudget: true,
  defaultOutputReserve: 4_096,
  budgetSlice: 0.02,
  loop: { maxIdenticalCalls: 2, stopRunAt: 6, maxSteps: 100, pingPongCycles: 4 },
};
