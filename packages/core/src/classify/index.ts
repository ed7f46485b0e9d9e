export {
  FAILURE_CATEGORIES,
  LAYERS,
  SEVERITIES,
  makeFinding,
  remedyFor,
} from './failure-categories.js';
export type { FailureCategory, Finding, Layer, Remedy, Severity } from './failure-categories.js';
export { DEFAULT_THRESHOLDS, resolveThresholds } from './thresholds.js';
export type { ClassifierThresholds } from './thresholds.js';
export { CLASSIFIER_ERROR_CODES, ClassifierError } from './classifier-error.js';
export type { ClassifierErrorCode } from './classifier-error.js';
export { MODEL_CONTEXT_WINDOWS, contextWindowFor } from './context-windows.js';
export { classifySpan } from './classify-span.js';
export { classifyTrace, findFailures } from './classify-trace.js';
export {
  ABSTENTION_PATTERNS,
  REFUSAL_PATTERNS,
  detectAbstention,
  detectRefusal,
} from './refusal-patterns.js';
export { jsonEqual, validateJsonSchema } from './json-schema.js';
export type { SchemaViolation, ValidateJsonSchemaOptions } from './json-schema.js';
export {
  extractClaims,
  extractCitations,
  extractNumbers,
  extractEntities,
} from './extract-claims.js';
export type { Claims, NumberClaim } from './extract-claims.js';
export { checkGroundedness } from './check-groundedness.js';
export type { GroundednessInput, GroundednessReport } from './check-groundedness.js';
export { canonicalJson } from './canonical-json.js';
export { modelMatches, SAMPLING_PARAMETERS } from './version-rules.js';
export { isSideEffectToolName } from './side-effect-rules.js';
