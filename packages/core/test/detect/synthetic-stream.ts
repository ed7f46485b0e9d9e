import { createRng, type Rng } from '../../src/stats/prng.js';
import type { Observation } from '../../src/detect/observation.js';
import { makeObservation } from './observation-factory.js';

/** Rates and shapes of a healthy synthetic service (a RAG support bot with tools). */
export interface StreamProfile {
  errorRate: number;
  refusalRate: number;
  escalationRate: number;
  formatFailureRate: number;
  ungroundedRate: number;
  lowRelevanceRate: number;
  medianLatencyMs: number;
  meanTopScore: number;
  medianCostUsd: number;
  model: string;
  sampling: string;
  sourceShares: Record<string, number>;
  toolShares: Record<string, number>;
  routeShares: Record<string, number>;
  topics: readonly string[];
}

export const HEALTHY_PROFILE: StreamProfile = {
  errorRate: 0.02,
  refusalRate: 0.03,
  escalationRate: 0.05,
  formatFailureRate: 0.01,
  ungroundedRate: 0.04,
  lowRelevanceRate: 0.05,
  medianLatencyMs: 900,
  meanTopScore: 0.78,
  medianCostUsd: 0.002,
  model: 'gpt-4o-2024-08-06',
  sampling: 'temperature=0.2,maxTokens=400',
  sourceShares: { handbook: 0.5, faq: 0.3, tickets: 0.2 },
  toolShares: { lookup_order: 0.5, refund: 0.2, search_kb: 0.3 },
  routeShares: { billing: 0.4, shipping: 0.35, account: 0.25 },
  topics: [
    'refund for my order',
    'where is my package',
    'reset my password',
    'change billing address',
    'cancel subscription',
    'update payment card',
  ],
};

function pick(rng: Rng, shares: Record<string, number>): string {
  let u = rng.next();
  const entries = Object.entries(shares);
  for (const [k, p] of entries) {
    u -= p;
    if (u < 0) return k;
  }
  return (entries.at(-1) as [string, number])[0];
}

const WORDS = ['please', 'today', 'urgent', 'again', 'help', 'thanks', 'still', 'my', 'the', 'now'];

/**
 * A seeded synthetic request stream (simulated, not real traffic): one observation per
 * request, `gapMs` apart in event time, with the profile's rates and lognormal latency and
 * cost. `profileAt(i)` may change the profile from some request on to inject an incident.
 *
 * @example
 * const obs = syntheticStream({ n: 10_000, seed: 1, profileAt: (i) => (i < 5000 ? HEALTHY_PROFILE : { ...HEALTHY_PROFILE, errorRate: 0.2 }) });
 */
export function syntheticStream(options: {
  n: number;
  seed: number;
  startMs?: number;
  gapMs?: number;
  projectId?: string;
  profileAt?: (index: number) => StreamProfile;
}): Observation[] {
  const rng = createRng(options.seed);
  const start = options.startMs ?? Date.UTC(2026, 0, 1);
  const gap = options.gapMs ?? 1000;
  const out: Observation[] = [];
  for (let i = 0; i < options.n; i++) {
    const p = options.profileAt?.(i) ?? HEALTHY_PROFILE;
    const findings: Observation['findings'] = [];
    if (rng.next() < p.ungroundedRate) findings.push('ungrounded_answer');
    if (rng.next() < p.lowRelevanceRate) findings.push('low_relevance');
    const refusal = rng.next() < p.refusalRate;
    if (refusal) findings.push('refusal');
    const error = rng.next() < p.errorRate;
    const tool = pick(rng, p.toolShares);
    const route = pick(rng, p.routeShares);
    const topic = p.topics[rng.int(p.topics.length)] as string;
    const sources: Record<string, number> = {};
    for (let d = 0; d < 3; d++) {
      const s = pick(rng, p.sourceShares);
      sources[s] = (sources[s] ?? 0) + 1;
    }
    out.push(
      makeObservation({
        projectId: options.projectId ?? 'p1',
        traceId: `t${String(i).padStart(8, '0')}`,
        eventMs: start + i * gap,
        segments: { model: p.model, route },
        error,
        ...(error ? { errorClass: 'timeout' } : {}),
        refusal,
        escalation: rng.next() < p.escalationRate,
        formatFailure: rng.next() < p.formatFailureRate,
        findings,
        latencyMs: p.medianLatencyMs * Math.exp(0.35 * rng.normal()),
        costUsd: p.medianCostUsd * Math.exp(0.3 * rng.normal()),
        steps: 1 + (rng.next() < 0.5 ? 1 : 0),
        topScore: Math.min(1, Math.max(0, p.meanTopScore + 0.08 * rng.normal())),
        sources,
        tools: [tool],
        model: p.model,
        sampling: p.sampling,
        query: `${topic} ${WORDS[rng.int(WORDS.length)] as string} ${WORDS[rng.int(WORDS.length)] as string}`,
        sessionId: `s${Math.floor(i / 4)}`,
      }),
    );
  }
  return out;
}
