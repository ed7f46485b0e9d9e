import { invalid, requireCount } from './stats-error.js';
import { createRng, type Rng } from './prng.js';
import { rocAuc } from './roc-auc.js';
import { requireVectors, subsample, type Vector } from './vectors.js';

export interface DomainClassifierOptions {
  readonly seed?: number;
  /** Cap per side, subsampled with the seed (default 500). */
  readonly maxPerSide?: number;
  /** Cross-validation folds (default 5); every point is scored by a model that never saw it. */
  readonly folds?: number;
  readonly epochs?: number;
  readonly learningRate?: number;
  readonly l2?: number;
  /** Drift when AUC exceeds this (default 0.55) unless the bootstrap threshold applies. */
  readonly threshold?: number;
  /**
   * Replace the fixed threshold by the 95th percentile of the AUC a random classifier gets on
   * the same labels (default: when the reference has fewer than 1000 vectors).
   */
  readonly bootstrap?: boolean;
  /** Random classifiers drawn for the bootstrap threshold (default 1000). */
  readonly bootstrapRuns?: number;
}

export interface DomainClassifierResult {
  /** Out-of-fold ROC AUC of telling current (1) from reference (0). */
  readonly auc: number;
  readonly drift: boolean;
  readonly threshold: number;
  readonly thresholdMethod: 'fixed' | 'bootstrap';
}

function randomClassifierPercentile(labels: (0 | 1)[], runs: number, rng: Rng): number {
  const aucs: number[] = [];
  for (let b = 0; b < runs; b++)
    aucs.push(
      rocAuc(
        labels.map(() => rng.next()),
        labels,
      ),
    );
  aucs.sort((a, c) => a - c);
  return aucs[Math.min(runs - 1, Math.ceil(0.95 * runs) - 1)] as number;
}

function trainLogistic(
  xs: Float64Array[],
  ys: number[],
  dim: number,
  rng: Rng,
  epochs: number,
  lr: number,
  l2: number,
) {
  const w = new Float64Array(dim);
  let b = 0;
  const order = xs.map((_, i) => i);
  for (let e = 0; e < epochs; e++) {
    const step = lr / Math.sqrt(1 + e);
    for (const i of rng.shuffle(order)) {
      const x = xs[i] as Float64Array;
      let z = b;
      for (let j = 0; j < dim; j++) z += (w[j] as number) * (x[j] as number);
      const g = 1 / (1 + Math.exp(-z)) - (ys[i] as number);
      for (let j = 0; j < dim; j++)
        w[j] = (w[j] as number) - step * (g * (x[j] as number) + l2 * (w[j] as number));
      b -= step * g;
    }
  }
  return (x: Float64Array): number => {
    let z = b;
    for (let j = 0; j < dim; j++) z += (w[j] as number) * (x[j] as number);
    return z;
  };
}

function standardize(train: Float64Array[], all: Float64Array[], dim: number): Float64Array[] {
  const mean = new Float64Array(dim);
  const sd = new Float64Array(dim);
  for (const x of train)
    for (let j = 0; j < dim; j++) mean[j] = (mean[j] as number) + (x[j] as number) / train.length;
  for (const x of train)
    for (let j = 0; j < dim; j++)
      sd[j] = (sd[j] as number) + ((x[j] as number) - (mean[j] as number)) ** 2 / train.length;
  for (let j = 0; j < dim; j++) sd[j] = Math.sqrt(sd[j] as number) || 1;
  return all.map((x) => x.map((v, j) => (v - (mean[j] as number)) / (sd[j] as number)));
}

/**
 * Domain-classifier drift test: a logistic regression (seeded SGD, L2) learns to tell current
 * embeddings from reference ones; stratified k-fold cross-validation scores each point
 * out-of-fold and the ROC AUC of those scores is the drift signal (0.5 = indistinguishable).
 * Compute is bounded by subsampling both sides to `maxPerSide`. With a small reference (< 1000)
 * the threshold is the 95th percentile of a random classifier's AUC on the same labels, as
 * Evidently does, since a fixed .55 is then too loose or too tight depending on n.
 *
 * Reference: Rabanser, Günnemann & Lipton (2019), "Failing Loudly", NeurIPS; Evidently
 * embeddings drift `model()` method (ROC AUC threshold 0.55).
 *
 * @example
 * domainClassifierDrift(refVectors, curVectors, { seed: 1 }); // { auc: 0.81, drift: true, threshold: 0.539, thresholdMethod: 'bootstrap' }
 */
export function domainClassifierDrift(
  reference: readonly Vector[],
  current: readonly Vector[],
  options: DomainClassifierOptions = {},
): DomainClassifierResult {
  const folds = options.folds ?? 5;
  requireCount('folds', folds, 2);
  const dim = requireVectors('reference', reference, folds);
  if (requireVectors('current', current, folds) !== dim)
    throw invalid('reference and current embeddings differ in dimension');
  const maxPerSide = options.maxPerSide ?? 500;
  requireCount('maxPerSide', maxPerSide, folds);
  const threshold = options.threshold ?? 0.55;
  const rng = createRng(options.seed ?? 0);
  const ref = rng.shuffle(subsample(reference, maxPerSide, rng));
  const cur = rng.shuffle(subsample(current, maxPerSide, rng));
  const xs = [...ref, ...cur].map((v) => Float64Array.from(v));
  const ys = [...ref.map(() => 0), ...cur.map(() => 1)];
  // Stratified folds: round-robin within each class after the shuffle above.
  const fold = [...ref.map((_, i) => i % folds), ...cur.map((_, i) => i % folds)];
  const scores = new Array<number>(xs.length).fill(0);
  for (let f = 0; f < folds; f++) {
    const trainIdx = xs.map((_, i) => i).filter((i) => fold[i] !== f);
    const scaled = standardize(
      trainIdx.map((i) => xs[i] as Float64Array),
      xs,
      dim,
    );
    const model = trainLogistic(
      trainIdx.map((i) => scaled[i] as Float64Array),
      trainIdx.map((i) => ys[i] as number),
      dim,
      rng,
      options.epochs ?? 15,
      options.learningRate ?? 0.05,
      options.l2 ?? 1e-3,
    );
    xs.forEach((_, i) => {
      if (fold[i] === f) scores[i] = model(scaled[i] as Float64Array);
    });
  }
  const labels = ys as (0 | 1)[];
  const auc = rocAuc(scores, labels);
  if (options.bootstrap ?? reference.length < 1000) {
    const runs = options.bootstrapRuns ?? 1000;
    requireCount('bootstrapRuns', runs, 20);
    const t = randomClassifierPercentile(labels, runs, rng);
    return { auc, drift: auc > t, threshold: t, thresholdMethod: 'bootstrap' };
  }
  return { auc, drift: auc > threshold, threshold, thresholdMethod: 'fixed' };
}
