export type { AttributeValue, Attributes } from './model/attributes.js';
export type { OtlpSpan, OtlpEvent, OtlpLogRecord } from './model/otlp-span.js';
export { SPAN_KINDS, SPAN_STATUSES } from './model/span.js';
export type {
  Span,
  SpanKind,
  SpanStatus,
  Message,
  ToolCall,
  RetrievedDocument,
  ModelParameters,
  TokenUsage,
  ToolDefinition,
  ToolExecution,
  PromptReference,
  VersionSnapshot,
} from './model/span.js';
export type { TraceSummary, TraceDetail } from './model/trace.js';
export { GLASSBOX_ATTRIBUTES, VERSION_ARTIFACTS } from './model/glassbox-attributes.js';
export { normalizeSpan, checkOtlpSpan } from './normalize/index.js';
export type { NormalizeContext } from './normalize/index.js';
export { extractEventMessages, rebuildIndexed, normalizeProvider } from './normalize/index.js';
export { DEFAULT_SESSION_ID_KEYS, DEFAULT_USER_ID_KEYS } from './normalize/index.js';
export type { EventMessages } from './normalize/index.js';
export { computeCostUsd, findModelPrice, MODEL_PRICES } from './cost/index.js';
export type { ModelPrice } from './cost/index.js';
export { FAILURE_CATEGORIES, LAYERS, SEVERITIES, DEFAULT_THRESHOLDS, resolveThresholds } from './classify/index.js';
export { classifySpan, classifyTrace, findFailures, ClassifierError, CLASSIFIER_ERROR_CODES } from './classify/index.js';
export { REFUSAL_PATTERNS, detectRefusal, validateJsonSchema, extractClaims, checkGroundedness } from './classify/index.js';
export { MODEL_CONTEXT_WINDOWS, contextWindowFor, canonicalJson, modelMatches } from './classify/index.js';
export type { FailureCategory, Finding, Layer, Severity, ClassifierThresholds, SchemaViolation } from './classify/index.js';
export type { Claims, NumberClaim, GroundednessInput, GroundednessReport } from './classify/index.js';
export { diagnoseTrace, DIAGNOSIS_ORDER, LAYER_LABELS } from './diagnose/index.js';
export type { Diagnosis, LayerVerdict, Verdict, DiagnoseOptions } from './diagnose/index.js';
export {
  StatsError, STATS_ERROR_CODES, createRng,
  logGamma, logChoose, regularizedGammaP, regularizedGammaQ, normalCdf, normalSf, normalQuantile,
  chiSquareCdf, chiSquareSf, kolmogorovSf, kolmogorovExactCdf, kolmogorovExactSf,
  wilsonInterval, binomialTest, binomialLogPmf,
  createBinomialCusum, runBinomialCusum, createBernoulliCusum, runBernoulliCusum,
  bernoulliCusumArl, chooseBernoulliCusumThreshold,
  pChart, laneyPChart, robustBaseline, median, createEwmaChart, runEwmaChart, createTabularCusum, runTabularCusum,
  ksTwoSample, chiSquareContingency, chiSquareHomogeneity, quantileSorted, quantileEdges, binCounts,
  psi, psiFromCounts, jensenShannonDistance, numericJensenShannon, wassersteinDistance, normedWasserstein,
  averageRanks, mannWhitneyU, fisherExact, mcnemarExact, wilcoxonSignedRank, holmAdjust, benjaminiHochberg,
  cosineSimilarity, meanVector, fnv1a32, hashingVectorize, meanEmbeddingShift, mmdTest, rocAuc, domainClassifierDrift,
  msprtEvaluate, createMsprt,
} from './stats/index.js';
export type {
  StatsErrorCode, Rng, ProportionInterval, Alternative,
  RateCusumOptions, RateCusumState, ResolvedRateCusum, CusumStep, CusumRun, BinomialCusum, BernoulliCusum, ArlResult,
  PChart, PChartPoint, PChartOptions, RobustBaseline, EwmaOptions, EwmaState, EwmaStep, EwmaChart,
  TabularCusumOptions, TabularCusumState, TabularCusumStep, TabularCusum,
  KsMethod, KsResult, ChiSquareResult, PsiResult, PsiOptions, MannWhitneyResult,
  Vector, EmbeddingShift, MmdOptions, MmdResult, DomainClassifierOptions, DomainClassifierResult,
  ArmCounts, MsprtOptions, MsprtEvaluation, MsprtState, MsprtStep, Msprt,
} from './stats/index.js';
