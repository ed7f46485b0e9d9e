import { invalid } from './stats-error.js';

/** A seeded pseudo-random source; `state` can be persisted as JSON and restored. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal deviate (Box-Muller). */
  normal(): number;
  /** Fisher-Yates shuffle of a copy. */
  shuffle<T>(xs: readonly T[]): T[];
  /** Current internal 32-bit state. */
  readonly state: number;
}

/**
 * Mulberry32 (Tommy Ettinger, 2017): a 32-bit state generator, fast, deterministic across
 * platforms, adequate for simulation and permutation tests (not for cryptography).
 *
 * @example
 * const rng = createRng(42);
 * rng.next(); // same value on every run and every platform
 */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw invalid(`seed must be a finite number, got ${seed}`);
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => {
    if (!Number.isInteger(n) || n <= 0) throw invalid(`n must be a positive integer, got ${n}`);
    return Math.floor(next() * n);
  };
  return {
    next,
    int,
    normal() {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    shuffle<T>(xs: readonly T[]): T[] {
      const out = xs.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(i + 1);
        const tmp = out[i] as T;
        out[i] = out[j] as T;
        out[j] = tmp;
      }
      return out;
    },
    get state() {
      return a;
    },
  };
}
