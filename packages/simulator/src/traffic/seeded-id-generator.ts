import type { Random } from '../util/seeded-random.js';
import { seededRandom } from '../util/seeded-random.js';

/** The slice of OpenTelemetry's IdGenerator that `init({ idGenerator })` takes. */
export interface IdGenerator {
  generateTraceId(): string;
  generateSpanId(): string;
}

function hex(rng: Random, chars: number): string {
  let out = '';
  while (out.length < chars)
    out += Math.floor(rng.next() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  out = out.slice(0, chars);
  return /^0+$/.test(out) ? `${out.slice(0, -1)}1` : out;
}

/**
 * Trace and span ids drawn from a seeded stream, so the same seed reproduces the same ids.
 *
 * @example init({ idGenerator: seededIdGenerator(42) })
 */
export function seededIdGenerator(seed: number | string): IdGenerator {
  const rng = seededRandom('otel-ids', seed);
  return {
    generateTraceId: () => hex(rng, 32),
    generateSpanId: () => hex(rng, 16),
  };
}
