export { modelInputKey, replayRecording } from './replay-recording.js';
export type { RecordedModelCall, RecordedToolCall, ReplayRecording } from './replay-recording.js';
export { REPLAY_ERROR_CODES, ReplayError } from './replay-error.js';
export type { ReplayErrorCode } from './replay-error.js';
export type { ChatRequest, SamplingParameters, WireMessage, WireToolCall } from './chat-request.js';
export { readRecordedCall } from './recorded-call.js';
export type { RecordedCall } from './recorded-call.js';
export { contextText, locateContext, renderDocuments, replaceContext } from './context-region.js';
export type { ContextRegion } from './context-region.js';
export { OVERRIDABLE_PARAMETERS, planReplay } from './plan-replay.js';
export type { OverridableParameter, ReplayOverrides, ReplayPlan } from './plan-replay.js';
export {
  BISECTION_FACTORS,
  FACTOR_DESCRIPTIONS,
  differingFactors,
  factorValue,
  swapFactors,
} from './bisection-factors.js';
export type { BisectionFactor, FactorDifference } from './bisection-factors.js';
export { DEFAULT_OUTPUT_TOKENS, estimateCallCost } from './estimate-call-cost.js';
export { planBisection } from './plan-bisection.js';
export type { BisectionArm, BisectionOptions, BisectionPlan } from './plan-bisection.js';
export { judgeBisection } from './judge-bisection.js';
export type { ArmReport, ArmTally, BisectionVerdict, VerdictKind } from './judge-bisection.js';
export { REPLAY_OF_ATTRIBUTE, replayedSpan, replayedTrace } from './replayed-span.js';
export type { TrialOutput } from './replayed-span.js';
export { targetCategories, trialFails } from './target-categories.js';
export { firstDivergence, REPLAY_TAG_PREFIX, replayTag, runSteps } from './replay-pairing.js';
export type { Divergence, RunStep } from './replay-pairing.js';
export {
  checkReplayAssertions,
  failedAssertions,
  REPLAY_ASSERTION_TYPES,
} from './replay-assertions.js';
export type { ReplayAssertion } from './replay-assertions.js';
export { snapshotCall } from './snapshot-call.js';
export type { SnapshotCall } from './snapshot-call.js';
