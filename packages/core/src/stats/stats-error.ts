/** Stable codes for every error the statistics module throws. */
export const STATS_ERROR_CODES = {
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  INSUFFICIENT_DATA: 'INSUFFICIENT_DATA',
  DEGENERATE_DATA: 'DEGENERATE_DATA',
} as const;

export type StatsErrorCode = (typeof STATS_ERROR_CODES)[keyof typeof STATS_ERROR_CODES];

/**
 * Raised when a statistic cannot be computed from its inputs.
 *
 * @example
 * try { wilsonInterval(3, 2); } catch (e) { if (e instanceof StatsError) e.code; // 'INVALID_ARGUMENT' }
 */
export class StatsError extends Error {
  override readonly name = 'StatsError';
  constructor(
    readonly code: StatsErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function invalid(message: string): StatsError {
  return new StatsError('INVALID_ARGUMENT', message);
}

export function requireFiniteArray(name: string, xs: readonly number[], minLength = 1): void {
  if (!Array.isArray(xs)) throw invalid(`${name} must be an array of numbers`);
  if (xs.length < minLength) {
    throw new StatsError(
      'INSUFFICIENT_DATA',
      `${name} needs at least ${minLength} value(s), got ${xs.length}`,
    );
  }
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw invalid(`${name}[${i}] must be a finite number, got ${String(x)}`);
    }
  }
}

export function requireProbability(name: string, p: number, open = true): void {
  const ok = open ? p > 0 && p < 1 : p >= 0 && p <= 1;
  if (typeof p !== 'number' || !ok) {
    throw invalid(`${name} must be a probability in ${open ? '(0, 1)' : '[0, 1]'}, got ${p}`);
  }
}

export function requireCount(name: string, n: number, min = 0): void {
  if (!Number.isInteger(n) || n < min) {
    throw invalid(`${name} must be an integer >= ${min}, got ${n}`);
  }
}

export function requirePositive(name: string, x: number): void {
  if (typeof x !== 'number' || !Number.isFinite(x) || x <= 0) {
    throw invalid(`${name} must be a finite number > 0, got ${x}`);
  }
}
