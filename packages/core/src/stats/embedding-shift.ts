import { invalid } from './stats-error.js';
import { cosineSimilarity, meanVector, requireVectors, type Vector } from './vectors.js';

export interface EmbeddingShift {
  /** Cosine between the reference and current mean embeddings (1 = same direction). */
  readonly centroidCosine: number;
  /** 1 - centroidCosine. */
  readonly shift: number;
  /** Mean cosine of each reference vector to the reference centroid. */
  readonly referenceMeanCosine: number;
  /** Mean cosine of each current vector to the reference centroid (drops when content moves). */
  readonly currentMeanCosine: number;
}

/**
 * Mean-embedding cosine shift: how far the current embeddings' centroid and spread moved
 * from the reference centroid. A drop of currentMeanCosine well below referenceMeanCosine
 * (e.g. .92 -> .78) says traffic moved to new topics.
 *
 * @example
 * meanEmbeddingShift(lastWeekVectors, todayVectors); // { centroidCosine: 0.97, shift: 0.03, ... }
 */
export function meanEmbeddingShift(
  reference: readonly Vector[],
  current: readonly Vector[],
): EmbeddingShift {
  const dim = requireVectors('reference', reference);
  if (requireVectors('current', current) !== dim) {
    throw invalid('reference and current embeddings differ in dimension');
  }
  const refMean = meanVector(reference);
  const curMean = meanVector(current);
  const centroidCosine = cosineSimilarity(refMean, curMean);
  const meanCos = (vs: readonly Vector[]): number =>
    vs.reduce((s, v) => s + cosineSimilarity(v, refMean), 0) / vs.length;
  return {
    centroidCosine,
    shift: 1 - centroidCosine,
    referenceMeanCosine: meanCos(reference),
    currentMeanCosine: meanCos(current),
  };
}
