import { invalid, requireFiniteArray } from './stats-error.js';
import { binCounts, quantileEdges } from './binning.js';

export interface PsiResult {
  readonly value: number;
  /** 'alert' at >= alert (default .25), 'warn' at >= warn (default .1), else 'none'. */
  readonly level: 'none' | 'warn' | 'alert';
}

export interface PsiOptions {
  /** Share substituted for an empty bin so the log stays finite; default 1e-4 (as Evidently). */
  readonly epsilon?: number;
  readonly warn?: number;
  readonly alert?: number;
}

/**
 * Population Stability Index from two count (or share) vectors over the same bins:
 * PSI = Σ (c_i - r_i) ln(c_i / r_i) on shares, empty shares replaced by ε.
 *
 * Reference: Yurdakul (2018), "Statistical properties of population stability index";
 * Evidently `psi_stat_test`.
 *
 * @example
 * psiFromCounts([50, 50], [40, 60]).value; // 0.0405
 */
export function psiFromCounts(
  reference: readonly number[],
  current: readonly number[],
  options: PsiOptions = {},
): PsiResult {
  if (reference.length !== current.length) {
    throw invalid(
      `reference (${reference.length}) and current (${current.length}) bin counts differ in length`,
    );
  }
  requireFiniteArray('reference', reference);
  requireFiniteArray('current', current);
  const eps = options.epsilon ?? 1e-4;
  if (!(eps > 0)) throw invalid(`epsilon must be > 0, got ${eps}`);
  const rt = reference.reduce((s, v) => s + v, 0);
  const ct = current.reduce((s, v) => s + v, 0);
  if (!(rt > 0) || !(ct > 0)) throw invalid('both distributions need a positive total');
  let value = 0;
  reference.forEach((r, i) => {
    const c = current[i] as number;
    if (r < 0 || c < 0) throw invalid(`bin ${i} has a negative count`);
    const rs = r / rt || eps;
    const cs = c / ct || eps;
    value += (cs - rs) * Math.log(cs / rs);
  });
  const warn = options.warn ?? 0.1;
  const alert = options.alert ?? 0.25;
  return { value, level: value >= alert ? 'alert' : value >= warn ? 'warn' : 'none' };
}

/**
 * PSI of a numeric metric, binned at the reference's quantiles (default 10 bins).
 *
 * @example
 * psi(lastMonthScores, todayScores).level; // 'none' | 'warn' | 'alert'
 */
export function psi(
  reference: readonly number[],
  current: readonly number[],
  options: PsiOptions & { readonly bins?: number } = {},
): PsiResult & { readonly edges: number[] } {
  requireFiniteArray('current', current);
  const edges = quantileEdges(reference, options.bins ?? 10);
  return {
    ...psiFromCounts(binCounts(reference, edges), binCounts(current, edges), options),
    edges,
  };
}
