export { StatsError, STATS_ERROR_CODES } from './stats-error.js';
export type { StatsErrorCode } from './stats-error.js';
export { createRng } from './prng.js';
export type { Rng } from './prng.js';

export { logGamma, logChoose } from './log-gamma.js';
export { regularizedGammaP, regularizedGammaQ } from './incomplete-gamma.js';
export { normalCdf, normalSf, normalQuantile } from './normal.js';
export { chiSquareCdf, chiSquareSf } from './chi-square.js';
export { kolmogorovSf, kolmogorovExactCdf, kolmogorovExactSf } from './kolmogorov.js';

export { wilsonInterval } from './wilson-interval.js';
export type { ProportionInterval } from './wilson-interval.js';
export { binomialTest, binomialLogPmf } from './binomial-test.js';
export type { Alternative } from './binomial-test.js';

export { createBinomialCusum, runBinomialCusum } from './binomial-cusum.js';
export type {
  RateCusumOptions,
  RateCusumState,
  ResolvedRateCusum,
  CusumStep,
  CusumRun,
  BinomialCusum,
} from './binomial-cusum.js';
export { createBernoulliCusum, runBernoulliCusum } from './bernoulli-cusum.js';
export type { BernoulliCusum } from './bernoulli-cusum.js';
export { bernoulliCusumArl, chooseBernoulliCusumThreshold } from './bernoulli-cusum-arl.js';
export type { ArlResult } from './bernoulli-cusum-arl.js';

export { pChart, laneyPChart } from './p-chart.js';
export type { PChart, PChartPoint, PChartOptions } from './p-chart.js';
export { robustBaseline, median } from './robust-baseline.js';
export type { RobustBaseline } from './robust-baseline.js';
export { createEwmaChart, runEwmaChart } from './ewma-chart.js';
export type { EwmaOptions, EwmaState, EwmaStep, EwmaChart } from './ewma-chart.js';
export { createTabularCusum, runTabularCusum } from './tabular-cusum.js';
export type {
  TabularCusumOptions,
  TabularCusumState,
  TabularCusumStep,
  TabularCusum,
} from './tabular-cusum.js';

export { ksTwoSample } from './ks-two-sample.js';
export type { KsMethod, KsResult } from './ks-two-sample.js';
export { chiSquareContingency, chiSquareHomogeneity } from './chi-square-test.js';
export type { ChiSquareResult } from './chi-square-test.js';
export { quantileSorted, quantileEdges, binCounts } from './binning.js';
export { psi, psiFromCounts } from './psi.js';
export type { PsiResult, PsiOptions } from './psi.js';
export { jensenShannonDistance, numericJensenShannon } from './jensen-shannon.js';
export { wassersteinDistance, normedWasserstein } from './wasserstein.js';
export { averageRanks } from './ranks.js';
export { mannWhitneyU } from './mann-whitney.js';
export type { MannWhitneyResult } from './mann-whitney.js';
export { fisherExact } from './fisher-exact.js';
export { mcnemarExact } from './mcnemar-exact.js';
export { wilcoxonSignedRank } from './wilcoxon-signed-rank.js';
export { holmAdjust, benjaminiHochberg } from './p-adjust.js';
export { riskDifference } from './risk-difference.js';

export { cosineSimilarity, meanVector } from './vectors.js';
export type { Vector } from './vectors.js';
export { fnv1a32, hashingVectorize } from './hashing-vectorizer.js';
export { meanEmbeddingShift } from './embedding-shift.js';
export type { EmbeddingShift } from './embedding-shift.js';
export { mmdTest } from './mmd.js';
export type { MmdOptions, MmdResult } from './mmd.js';
export { rocAuc } from './roc-auc.js';
export { domainClassifierDrift } from './domain-classifier.js';
export type { DomainClassifierOptions, DomainClassifierResult } from './domain-classifier.js';

export { msprtEvaluate, createMsprt } from './msprt.js';
export type {
  ArmCounts,
  MsprtOptions,
  MsprtEvaluation,
  MsprtState,
  MsprtStep,
  Msprt,
} from './msprt.js';
