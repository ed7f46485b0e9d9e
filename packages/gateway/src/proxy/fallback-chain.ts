import type { ChainLink } from '@glassbox/core/guards';
import { FallbackPlanner } from '@glassbox/core/guards';
import { servesModel } from '@glassbox/core/providers';
import type { GatewayRuntime } from '../gateway-runtime.js';
import { GatewayHttpError } from '../http/gateway-http-error.js';
import type { RequestTrace } from '../tracing/request-trace.js';

/** The chain of a requested model: its route, or the first provider serving it. */
export function chainFor(rt: GatewayRuntime, model: string): ChainLink[] {
  const routed = rt.config.routes[model];
  if (routed) return routed;
  const provider = rt.config.providers.find((p) => servesModel(p, model));
  if (!provider)
    throw new GatewayHttpError(404, 'model_not_found', `no provider serves the model '${model}'`);
  return [{ provider: provider.name, model, maxAttempts: rt.config.defaultMaxAttempts }];
}

/** The retry and fail-over planner of one request, with the gateway's shared breakers. */
export function planner(rt: GatewayRuntime, chain: ChainLink[]): FallbackPlanner {
  return new FallbackPlanner(chain, {
    breakers: rt.breakers,
    idempotent: true,
    backoffMs: rt.backoffMs,
    maxRetryAfterMs: rt.config.guards.maxRetryAfterMs,
  });
}

export function provider(rt: GatewayRuntime, name: string) {
  return rt.config.providers.find((p) => p.name === name)!;
}

export function wait(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/** Moves the planner's new decisions onto the request's trace; returns how many are copied. */
export function copyDecisions(plan: FallbackPlanner, trace: RequestTrace, from: number): number {
  for (let i = from; i < plan.decisions.length; i++) trace.decide(plan.decisions[i]!);
  return plan.decisions.length;
}
