import { createHash } from 'node:crypto';

/** A deterministic random source: uniform floats, integers and picks. */
export interface Random {
  next(): number;
  int(minInclusive: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

/**
 * Derives a 32-bit state from any list of parts, so the same parts always seed the same stream.
 *
 * @example seededRandom(42, '{"model":"x"}').next() // same value on every run
 */
export function seededRandom(...parts: readonly (string | number)[]): Random {
  const digest = createHash('sha256').update(parts.map(String).join('\u241f')).digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12);
  // sfc32: small, fast and good enough for simulation choices.
  const next = (): number => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('pick() needs at least one item');
      return items[Math.floor(next() * items.length)] as T;
    },
    chance: (probability) => probability > 0 && next() < probability,
  };
}

/** Short stable hex hash of a string (ids, fingerprints, cache keys). */
export function shortHash(text: string, length = 12): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}
