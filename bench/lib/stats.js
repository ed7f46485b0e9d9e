/** The q-quantile (0..1) of ascending numbers, nearest-rank; NaN when empty. */
export function percentile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

/**
 * Runs `fn` `times` times after `warmup` runs, stopping early (after at least 5 runs) once
 * `budgetMs` has passed so a slow query cannot stall the run; returns p50/p95 in milliseconds.
 */
export async function timeRepeated(fn, times, warmup = 3, budgetMs = 30_000) {
  for (let i = 0; i < warmup; i += 1) await fn(i);
  const samples = [];
  const deadline = performance.now() + budgetMs;
  for (let i = 0; i < times; i += 1) {
    if (i >= 5 && performance.now() > deadline) break;
    const started = performance.now();
    await fn(i);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), n: samples.length };
}

/** Formats milliseconds for tables: 0.42, 3.1, 250. */
export function ms(value) {
  if (!Number.isFinite(value)) return 'n/a';
  if (value < 1) return value.toFixed(2);
  if (value < 10) return value.toFixed(1);
  return Math.round(value).toString();
}
