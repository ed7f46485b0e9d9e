export { EVAL_ERROR_CODES, EvalError } from './eval-error.js';
export type { EvalErrorCode } from './eval-error.js';
export { renderTemplate } from './render-template.js';
export { isAssertionSet } from './assertion.js';
export type {
  Assertion,
  AssertionEntry,
  AssertionSet,
  GradingResult,
  ProviderResponse,
  ToolCallOutput,
} from './assertion.js';
export type { AssertionInput, AssertionVerdict } from './assertion-input.js';
export { outputAsText } from './assertion-input.js';
export {
  SUPPORTED_ASSERTION_TYPES,
  checkAssertionType,
  splitAssertionType,
} from './assertion-types.js';
export { PROMPTFOO_ASSERTION_TYPES } from './promptfoo-assertion-types.js';
export { DETERMINISTIC_ASSERTIONS } from './deterministic-assertions.js';
export type { DeterministicHandler } from './deterministic-assertions.js';
export { MODEL_GRADED_ASSERTIONS } from './model-graded-assertions.js';
export type { ModelGradedHandler } from './model-graded-assertions.js';
export { FAILURE_CATEGORY_EVALUATORS } from './failure-category-assertions.js';
export type { FailureCategoryEvaluator } from './failure-category-assertions.js';
export { gradeTest, gradeAssertion } from './grade-test.js';
export type { GradableTest, GradeContext } from './grade-test.js';
export type { EvalServices, JavascriptContext } from './eval-services.js';
export { javascriptFunctionBody, javascriptVerdict } from './javascript-assertion.js';
export {
  JUDGE_PROMPT_VERSION,
  answerRelevancePrompt,
  contextFaithfulnessPrompt,
  contextRecallPrompt,
  contextRelevancePrompt,
  factualityPrompt,
  gEvalPrompt,
  rubricPrompt,
} from './judge-prompts.js';
export type { JudgeKind, JudgeMessage, JudgePrompt } from './judge-prompts.js';
export { RUBRIC_DIMENSIONS, dimensionRubric } from './rubric-dimensions.js';
export type { RubricDimension } from './rubric-dimensions.js';
export {
  FACTUALITY_PASSING,
  parseFactualityAnswer,
  parseJudgeAnswer,
} from './parse-judge-answer.js';
export type { JudgeVerdict } from './parse-judge-answer.js';
export { levenshteinDistance } from './levenshtein-distance.js';
export { rougeN } from './rouge-n.js';
export { bleu } from './bleu.js';
export { treebankTokenize } from './ngrams.js';
export { extractJsonObjects } from './extract-json-objects.js';
export { parseCommaSeparatedValues } from './comma-separated-values.js';
export { calledToolNames } from './tool-call-assertions.js';
export { parseCsv } from './parse-csv.js';
export type { CsvRecord } from './parse-csv.js';
export { assertionFromString } from './assertion-from-string.js';
export { parseAssertion, parsePromptfooConfig } from './parse-promptfoo-config.js';
export type { ConfigSources, EvalSuite, PromptSpec, TestCase, TestOptions } from './eval-suite.js';
export { parseProviderSpec, parseProviderTarget } from './provider-spec.js';
export type { ProviderSpec, ProviderTarget } from './provider-spec.js';
export { expandVars, planEval, prepareVars, renderPrompt } from './plan-eval.js';
export type { EvalCell } from './plan-eval.js';
export {
  ndcgAtK,
  precisionAtK,
  recallAtK,
  reciprocalRank,
  retrievalScores,
} from './retrieval-metrics.js';
export type { RetrievalScores } from './retrieval-metrics.js';
export { hasRetrieval, retrievalNamedScores, retrievedDocumentIds } from './trace-retrieval.js';
export { bootstrapMeanInterval } from './bootstrap-interval.js';
export { itemFlakiness } from './flakiness.js';
export type { ItemFlakiness } from './flakiness.js';
export { minimumDetectableEffect } from './minimum-detectable-effect.js';
export type { MinimumDetectableEffect } from './minimum-detectable-effect.js';
export { compareRuns } from './compare-runs.js';
export type {
  ComparisonVerdict,
  MetricComparison,
  RunComparison,
  RunItemResult,
} from './compare-runs.js';
export { checkDatasetItem, contentHash } from './dataset-item.js';
export type { DatasetItem } from './dataset-item.js';
export { DatasetRowsError } from './dataset-rows-error.js';
export type { RowProblem } from './dataset-rows-error.js';
export { DATASET_FORMATS, parseDatasetFile } from './parse-dataset-file.js';
export type { DatasetFormat } from './parse-dataset-file.js';
export { formatDatasetFile } from './format-dataset-file.js';
export { datasetItemFromTrace } from './dataset-item-from-trace.js';
export { evalCoverage } from './eval-coverage.js';
export type { CoverageEntry, EvalCoverage } from './eval-coverage.js';
export {
  DEFAULT_SAMPLE_RATE,
  assertionsForTrace,
  checkSamplingRules,
  isSampled,
  ruleMatches,
  scoredEvaluatorNames,
} from './sampling-rule.js';
export type { SamplingRule } from './sampling-rule.js';
export { cohenKappa } from './cohen-kappa.js';
export type { Agreement } from './cohen-kappa.js';
export { JUDGE_RATER, REVIEW_VERDICTS, reviewAgreement } from './review-agreement.js';
export type { DimensionAgreement, ReviewLabel, ReviewVerdict } from './review-agreement.js';
export { parseDatasetRef, runItemResults } from './experiment-run.js';
export type {
  AssertionOutcome,
  ExperimentRun,
  ExperimentRunHeader,
  RunOutcome,
} from './experiment-run.js';
