import type { Random } from '../util/seeded-random.js';
import { seededRandom } from '../util/seeded-random.js';
import type { CatalogQuery } from './query-catalog.js';

/** A share of traffic drawn from a list of queries. */
export interface MixEntry {
  weight: number;
  queries: readonly CatalogQuery[];
}

/** One simulated request: who sends what, when. */
export interface TrafficRequest extends CatalogQuery {
  /** Simulated epoch ms. */
  at: number;
  userId: string;
  sessionId: string;
  /** Plan of the user (free, plus, pro): a population segment. */
  plan: string;
  index: number;
}

export interface TrafficOptions {
  seed: number | string;
  /** Phase name, mixed into the seed so phases differ but reproduce. */
  phase: string;
  startMs: number;
  /** Simulated duration of the phase in minutes; requests spread over it. */
  minutes: number;
  requests: number;
  mix: readonly MixEntry[];
  /** Share of the mix taken from `shiftTo` at the end of the phase (ramps linearly from 0). */
  shift?: { to: readonly MixEntry[]; finalShare: number };
  /** Registered users; default 40. */
  users?: number;
}

const PLANS = ['free', 'free', 'free', 'plus', 'plus', 'pro'];

/**
 * A reproducible stream of requests from a user population: users with plans, sessions of
 * one to three turns, arrival times spread over the phase, queries drawn from a weighted mix
 * (optionally drifting toward another mix over the phase).
 *
 * @example generateTraffic({ seed: 1, phase: 'healthy', startMs, minutes: 60, requests: 20, mix })
 */
export function generateTraffic(options: TrafficOptions): TrafficRequest[] {
  if (!Number.isInteger(options.requests) || options.requests < 0) {
    throw new RangeError(`requests must be a non-negative integer, got ${options.requests}`);
  }
  if (!(options.minutes > 0))
    throw new RangeError(`minutes must be positive, got ${options.minutes}`);
  const rng = seededRandom('traffic', options.seed, options.phase);
  const userCount = options.users ?? 40;
  const out: TrafficRequest[] = [];
  const step = (options.minutes * 60_000) / Math.max(1, options.requests);
  let session: { id: string; userId: string; plan: string; left: number } | null = null;
  for (let i = 0; i < options.requests; i++) {
    if (!session || session.left === 0) {
      const u = rng.int(1, userCount);
      session = {
        id: `sess-${options.phase}-${i}-${Math.floor(rng.next() * 1e6).toString(36)}`,
        userId: `user-${String(u).padStart(3, '0')}`,
        plan: PLANS[u % PLANS.length]!,
        left: rng.int(1, 3),
      };
    }
    session.left--;
    const progress = options.requests > 1 ? i / (options.requests - 1) : 1;
    const shifted = options.shift && rng.chance(options.shift.finalShare * progress);
    const query = draw(rng, shifted ? options.shift!.to : options.mix);
    out.push({
      ...query,
      at: Math.round(options.startMs + i * step + rng.next() * step * 0.5),
      userId: session.userId,
      sessionId: session.id,
      plan: session.plan,
      index: i,
    });
  }
  return out;
}

function draw(rng: Random, mix: readonly MixEntry[]): CatalogQuery {
  const total = mix.reduce((sum, m) => sum + m.weight, 0);
  if (!(total > 0)) throw new RangeError('the query mix needs a positive total weight');
  let r = rng.next() * total;
  for (const entry of mix) {
    r -= entry.weight;
    if (r < 0 && entry.queries.length > 0) return rng.pick(entry.queries);
  }
  return rng.pick(mix.find((m) => m.queries.length > 0)!.queries);
}
