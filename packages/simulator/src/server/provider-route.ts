import type { Behavior } from '../config/simulator-config.js';
import type { RequestFacts } from '../faults/resolve-behavior.js';
import type { SimulatorState } from './simulator-state.js';

/** What a provider route answers; the pipeline adds latency, faults and headers around it. */
export type ProviderReply =
  | { kind: 'json'; body: unknown; headers?: Record<string, string> }
  | { kind: 'sse'; chunks: unknown[]; headers?: Record<string, string> };

export interface RouteContext {
  state: SimulatorState;
  body: unknown;
  behavior: Behavior;
  /** Seed material for this request's content randomness. */
  seedParts: readonly (string | number)[];
  requestId: string;
  groundTruth: Set<string>;
  facts: RequestFacts;
}

/** A route of the simulated provider (chat, embeddings, side-effecting tools). */
export interface ProviderRoute {
  route: RequestFacts['route'];
  /** Reads what rules match on; must tolerate malformed bodies. */
  facts(body: unknown, pathTool: string | null): RequestFacts;
  /** Produces the reply or throws a ProviderError. Runs once the request is admitted. */
  handle(context: RouteContext): ProviderReply;
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
