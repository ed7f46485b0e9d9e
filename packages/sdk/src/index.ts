export { init } from './runtime/init.js';
export type { InitOptions, GlassboxHandle } from './runtime/init.js';
export { GlassboxSdkError, SDK_ERROR_CODES } from './runtime/sdk-error.js';
export type { SdkErrorCode } from './runtime/sdk-error.js';
export { throttledWarn } from './runtime/telemetry-health.js';
export type { ErrorHandler, TelemetryStats } from './runtime/telemetry-health.js';
export { DEFAULT_ENDPOINT, resolveOptions } from './config/resolve-options.js';

export { trace } from './helpers/trace.js';
export type { TraceOptions } from './helpers/trace.js';
export { traceGeneration } from './helpers/trace-generation.js';
export type {
  GenerationInput,
  GenerationResult,
  GenerationRecorder,
} from './helpers/trace-generation.js';
export { traceRetrieval } from './helpers/trace-retrieval.js';
export type { RetrievalInput } from './helpers/trace-retrieval.js';
export { traceRerank } from './helpers/trace-rerank.js';
export type { RerankInput } from './helpers/trace-rerank.js';
export { traceToolCall } from './helpers/trace-tool-call.js';
export type { ToolCallInput } from './helpers/trace-tool-call.js';
export { traceAgentStep } from './helpers/trace-agent-step.js';
export type { AgentStepInput } from './helpers/trace-agent-step.js';

export {
  withContext,
  withSession,
  withUser,
  withTags,
  withMetadata,
  withVersions,
  currentContextValues,
} from './context/with-context.js';
export type { GlassboxContextValues } from './context/glassbox-context.js';

export { instrumentOpenAI } from './openai/instrument-openai.js';
export type { InstrumentOpenAIOptions } from './openai/instrument-openai.js';
export { withCallOptions } from './openai/call-options.js';
export type { CallOptions } from './openai/call-options.js';
export { classifyOpenAIError } from './openai/classify-openai-error.js';

export { CALL_STATUSES } from './attributes/call-status.js';
export type { CallStatus } from './attributes/call-status.js';
export { hashContent, sha256Hex } from './attributes/content-policy.js';
export type { ContentField, Redactor } from './attributes/content-policy.js';
export type { DocumentInput } from './attributes/document-attributes.js';
export type { GenerationParameters } from './attributes/generation-attributes.js';
export { promptHash } from './attributes/prompt-hash.js';
export { validateJsonSchema } from './validation/json-schema.js';
export type { JsonSchema, JsonType } from './validation/json-schema.js';
export type { OutputExpectation } from './validation/check-output-format.js';

export {
  checkContextBudget,
  failureOf,
  guardStep,
  guardToolCall,
  guardedModelCall,
  idempotentTool,
  jitterBackoff,
  loadTokenizer,
  mapReduceDocument,
  recordGuardDecision,
  withBudget,
} from './guards/index.js';
export type {
  BudgetOptions,
  ContextBudgetOptions,
  GuardedCallOptions,
  GuardedLink,
  IdempotentResult,
  IdempotentToolOptions,
  MapReduceOptions,
  Tokenizer,
} from './guards/index.js';

export {
  PromptClient,
  createPromptClient,
  defaultPromptClient,
  getArtifact,
  getPrompt,
  restoreSession,
  snapshotSession,
} from './prompts/index.js';
export type {
  Artifact,
  ArtifactFallback,
  GetArtifactOptions,
  GetPromptOptions,
  Prompt,
  PromptClientOptions,
  PromptFallback,
  PromptSource,
} from './prompts/index.js';
