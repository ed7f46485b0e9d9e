import { normalQuantile } from '../stats/index.js';

/** What a paired comparison of this size can detect, and what it would take to detect more. */
export interface MinimumDetectableEffect {
  /** Smallest true mean difference detected with the given power at this many items. */
  effect: number;
  items: number;
  alpha: number;
  power: number;
  /** Items needed to detect `targetEffect` at the current number of repeats. */
  itemsNeeded: number;
  /** Repeats per item needed to detect `targetEffect` with the current items, when repeats can get there. */
  repeatsNeeded: number | undefined;
  targetEffect: number;
  note: string;
}

function variance(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
}

/**
 * Minimum detectable effect of a paired comparison by normal approximation:
 * MDE = (z₁₋α/₂ + z_power) · sd(d) / √n over per-item differences d. The variance of d splits
 * into a between-item part and a within-item part that shrinks with repeats (`withinVariance`
 * is the variance of one repeat's difference inside an item), which says whether more items
 * or more repeats would help. With no spread observed yet, sd 0.5 (the largest for a pass
 * rate) is assumed.
 *
 * @example
 * minimumDetectableEffect([0, 1, 0, -1, 0, 0], { repeats: 1, targetEffect: 0.1 }).itemsNeeded;
 */
export function minimumDetectableEffect(
  differences: readonly number[],
  options: {
    alpha?: number;
    power?: number;
    repeats?: number;
    withinVariance?: number;
    targetEffect?: number;
  } = {},
): MinimumDetectableEffect {
  const alpha = options.alpha ?? 0.05;
  const power = options.power ?? 0.8;
  const repeats = Math.max(1, options.repeats ?? 1);
  const targetEffect = options.targetEffect ?? 0.05;
  const z = normalQuantile(1 - alpha / 2) + normalQuantile(power);
  const n = differences.length;
  const observed = variance(differences);
  const total = observed > 0 ? observed : 0.25;
  const within = Math.min(total * repeats, options.withinVariance ?? 0);
  const between = Math.max(0, total - within / repeats);
  const effect = n > 0 ? (z * Math.sqrt(total)) / Math.sqrt(n) : Number.POSITIVE_INFINITY;
  const itemsNeeded = Math.ceil((z * z * total) / (targetEffect * targetEffect));
  const room = (targetEffect * targetEffect * Math.max(n, 1)) / (z * z) - between;
  const repeatsNeeded = within > 0 && room > 0 ? Math.max(1, Math.ceil(within / room)) : undefined;
  const note =
    effect <= targetEffect
      ? `${n} items can detect a difference of ${fmt(effect)} (target ${fmt(targetEffect)}) at α ${alpha}, power ${power}.`
      : `${n} items can only detect a difference of ${fmt(effect)}; detecting ${fmt(targetEffect)} needs about ${itemsNeeded} items${repeatsNeeded !== undefined ? ` or ${repeatsNeeded} repeats per item` : ' (more repeats alone cannot get there)'}.`;
  return { effect, items: n, alpha, power, itemsNeeded, repeatsNeeded, targetEffect, note };
}

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toFixed(3) : '∞';
}
