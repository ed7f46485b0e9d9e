import { invalid, StatsError } from './stats-error.js';
import type { Rng } from './prng.js';

export type Vector = readonly number[];

/** Validates a non-empty list of equal-length finite vectors; returns the dimension. */
export function requireVectors(name: string, vs: readonly Vector[], minCount = 1): number {
  if (!Array.isArray(vs)) throw invalid(`${name} must be an array of vectors`);
  if (vs.length < minCount) {
    throw new StatsError(
      'INSUFFICIENT_DATA',
      `${name} needs at least ${minCount} vector(s), got ${vs.length}`,
    );
  }
  const dim = (vs[0] as Vector).length;
  if (dim === 0) throw invalid(`${name}[0] is empty`);
  vs.forEach((v, i) => {
    if (v.length !== dim) throw invalid(`${name}[${i}] has dimension ${v.length}, expected ${dim}`);
    for (const x of v)
      if (!Number.isFinite(x)) throw invalid(`${name}[${i}] holds a non-finite value`);
  });
  return dim;
}

export function meanVector(vs: readonly Vector[]): number[] {
  const dim = (vs[0] as Vector).length;
  const m = new Array<number>(dim).fill(0);
  for (const v of vs)
    for (let j = 0; j < dim; j++) m[j] = (m[j] as number) + (v[j] as number) / vs.length;
  return m;
}

/** Cosine similarity; 0 when either vector is all zeros. */
export function cosineSimilarity(a: Vector, b: Vector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

export function squaredDistance(a: Vector, b: Vector): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] as number) - (b[i] as number);
    s += d * d;
  }
  return s;
}

/** A seeded subsample of at most `max` items (the input itself when already small enough). */
export function subsample<T>(xs: readonly T[], max: number, rng: Rng): readonly T[] {
  return xs.length <= max ? xs : rng.shuffle(xs).slice(0, max);
}
