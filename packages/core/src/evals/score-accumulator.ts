import type { GradingResult } from './assertion.js';

/**
 * Collects assertion results into one test (or assert-set) result: weighted mean score,
 * per-metric weighted means, and pass = no failure, or score >= threshold when one is set.
 */
export class ScoreAccumulator {
  private totalScore = 0;
  private totalWeight = 0;
  private failedReason: string | undefined;
  private readonly components: GradingResult[] = [];
  private readonly named = new Map<string, { score: number; weight: number }>();

  constructor(private readonly threshold?: number) {}

  add(result: GradingResult, metric: string | undefined, weight = 1): void {
    this.totalScore += result.score * weight;
    this.totalWeight += weight;
    this.components.push(result);
    if (metric) this.addNamed(metric, result.score * weight, weight);
    for (const [name, score] of Object.entries(result.namedScores ?? {})) {
      if (name !== metric) this.addNamed(name, score * weight, weight);
    }
    if (!result.pass) this.failedReason = result.reason;
  }

  result(): GradingResult {
    const score = this.totalWeight > 0 ? this.totalScore / this.totalWeight : 0;
    let pass = this.failedReason === undefined;
    let reason = this.failedReason ?? 'All assertions passed';
    if (typeof this.threshold === 'number' && !Number.isNaN(this.threshold)) {
      pass = score >= this.threshold;
      reason = `Aggregate score ${score.toFixed(2)} ${pass ? '≥' : '<'} ${this.threshold} threshold`;
    }
    const namedScores: Record<string, number> = {};
    for (const [name, { score: s, weight }] of this.named)
      namedScores[name] = weight > 0 ? s / weight : 0;
    return { pass, score, reason, namedScores, componentResults: this.components };
  }

  private addNamed(name: string, weightedScore: number, weight: number): void {
    const entry = this.named.get(name) ?? { score: 0, weight: 0 };
    entry.score += weightedScore;
    entry.weight += weight;
    this.named.set(name, entry);
  }
}
