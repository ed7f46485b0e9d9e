// The artifact registry's rules, pure: kinds, versions and their hashes, chat-template
// rendering, label rules, session-pin decisions and canary bucketing.
export { ARTIFACT_ERROR_CODES, ArtifactError } from './artifact-error.js';
export type { ArtifactErrorCode } from './artifact-error.js';
export {
  ARTIFACT_KINDS,
  ARTIFACT_LAYERS,
  checkArtifactKind,
  checkArtifactName,
} from './artifact-kind.js';
export type { ArtifactKind } from './artifact-kind.js';
export { checkVersionInput, versionHash, versionLabel } from './artifact-version.js';
export type { ArtifactVersion, ArtifactVersionInput } from './artifact-version.js';
export { checkPromptTemplate, renderChatTemplate, templateVariables } from './chat-template.js';
export type { ChatTemplateMessage, PromptTemplate, TemplateVariables } from './chat-template.js';
export { LATEST_LABEL, checkLabelMove, checkRevoke, resolveLabel } from './label-rules.js';
export type { LabelMove } from './label-rules.js';
export { DEFAULT_PIN_IDLE_MS, decidePin, isPinLive } from './session-pin.js';
export type { PinDecision, PinInput, PinOutcome, SessionPin } from './session-pin.js';
export { CANARY_UNITS, canaryPoint, checkCanaryPercent, inCanary } from './canary-bucket.js';
export type { CanaryUnit } from './canary-bucket.js';
export { sha256Hex } from './sha256.js';
export type {
  ArtifactEvent,
  ArtifactEventPage,
  ArtifactSummary,
  ResolvedArtifact,
  StoredCanary,
  PinCount,
  SessionSnapshot,
} from './registry-records.js';
export { canaryArm, checkCanaryInput, observeCanary, startCanary } from './canary-gate.js';
export type {
  CanaryInput,
  CanaryMetricState,
  CanaryOutcome,
  CanarySpec,
  CanaryState,
  CanaryStatus,
  CanaryVerdict,
} from './canary-gate.js';
export { canaryBoundary } from './canary-boundary.js';
export type { CanaryBoundary } from './canary-boundary.js';
export { drainSeries } from './pin-drain.js';
export type { DrainSeries, PinSpan } from './pin-drain.js';
export { rollbackTarget } from './rollback-target.js';
export { checkGateInput, checkGuardedMove } from './label-guard.js';
export type { EvalGate, LabelGuard, MoveAuthority, MoveClearance } from './label-guard.js';
export { holdPromotion } from './hold-promotion.js';
export { judgementFailed } from './canary-judgement.js';
export type { CanaryJudgement } from './canary-judgement.js';
export {
  CANARY_ERROR_METRIC,
  canaryJudgementsOfTrace,
  servedVersionOnSpan,
} from './canary-trace-judgements.js';
export type { JudgedTrace } from './canary-trace-judgements.js';
export { canaryKillEvidence, fileCanaryKill, notePromotion } from './canary-incident.js';
export type { CanaryEnding } from './canary-incident.js';
