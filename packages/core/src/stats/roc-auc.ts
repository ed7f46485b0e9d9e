import { invalid, requireFiniteArray, StatsError } from './stats-error.js';
import { averageRanks } from './ranks.js';

/**
 * ROC AUC of scores against binary labels via the Mann-Whitney identity:
 * AUC = (R₊ - n₊(n₊+1)/2) / (n₊n₋), ties counted as ½.
 *
 * Reference: Hanley & McNeil (1982), Radiology 143:29.
 *
 * @example
 * rocAuc([0.9, 0.8, 0.3, 0.1], [1, 0, 1, 0]); // 0.75
 */
export function rocAuc(scores: readonly number[], labels: readonly (0 | 1)[]): number {
  requireFiniteArray('scores', scores);
  if (labels.length !== scores.length)
    throw invalid(`scores (${scores.length}) and labels (${labels.length}) differ in length`);
  const { ranks } = averageRanks(scores);
  let positives = 0;
  let rankSum = 0;
  labels.forEach((l, i) => {
    if (l !== 0 && l !== 1) throw invalid(`labels[${i}] must be 0 or 1`);
    if (l === 1) {
      positives++;
      rankSum += ranks[i] as number;
    }
  });
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0)
    throw new StatsError('INSUFFICIENT_DATA', 'AUC needs both classes');
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
