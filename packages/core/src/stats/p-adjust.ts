import { invalid } from './stats-error.js';

function check(pValues: readonly number[]): void {
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw invalid(`p-value ${i} must lie in [0, 1], got ${p}`);
  });
}

/**
 * Holm step-down adjustment (controls the family-wise error rate): with p sorted ascending,
 * p̃_(i) = max_{j≤i} min(1, (m - j + 1) p_(j)). Results keep the input order.
 *
 * Reference: Holm (1979), Scand. J. Statist. 6:65; R `p.adjust(p, "holm")`.
 *
 * @example
 * holmAdjust([0.01, 0.04, 0.03]); // [0.03, 0.06, 0.06]
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  check(pValues);
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach(([p, i], k) => {
    running = Math.max(running, Math.min(1, (m - k) * p));
    out[i] = running;
  });
  return out;
}

/**
 * Benjamini-Hochberg step-up adjustment (controls the false discovery rate): with p sorted
 * ascending, p̃_(i) = min_{j≥i} min(1, m p_(j) / j). Results keep the input order.
 *
 * Reference: Benjamini & Hochberg (1995), JRSS B 57:289; R `p.adjust(p, "BH")`.
 *
 * @example
 * benjaminiHochberg([0.01, 0.04, 0.03]); // [0.03, 0.04, 0.04]
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  check(pValues);
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(m);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    const [p, i] = order[k] as readonly [number, number];
    running = Math.min(running, (m * p) / (k + 1));
    out[i] = Math.min(1, running);
  }
  return out;
}
