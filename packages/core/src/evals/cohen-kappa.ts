/** Agreement between two raters on the same items, beyond what chance would give. */
export interface Agreement {
  /** Items both raters labelled. */
  items: number;
  /** Share of those items with the same label. */
  observed: number;
  /** Cohen's kappa; undefined with no items, or when chance agreement is 1 (one label only). */
  kappa?: number;
}

/**
 * Cohen's kappa over paired labels: (observed − expected) / (1 − expected), where expected
 * agreement comes from each rater's label frequencies. 1 is perfect agreement, 0 chance,
 * negative worse than chance.
 *
 * @example
 * cohenKappa([['pass', 'pass'], ['fail', 'fail'], ['pass', 'fail'], ['fail', 'fail']]).kappa; // 0.5
 */
export function cohenKappa(pairs: readonly (readonly [string, string])[]): Agreement {
  const n = pairs.length;
  if (n === 0) return { items: 0, observed: 0 };
  const a = new Map<string, number>();
  const b = new Map<string, number>();
  let same = 0;
  for (const [x, y] of pairs) {
    a.set(x, (a.get(x) ?? 0) + 1);
    b.set(y, (b.get(y) ?? 0) + 1);
    if (x === y) same++;
  }
  const observed = same / n;
  let expected = 0;
  for (const [label, count] of a) expected += (count / n) * ((b.get(label) ?? 0) / n);
  if (expected >= 1) return { items: n, observed };
  return { items: n, observed, kappa: (observed - expected) / (1 - expected) };
}
