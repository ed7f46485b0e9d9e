export { startSimulator } from './start-simulator.js';
export type { RunningSimulator, StartSimulatorOptions } from './start-simulator.js';
export { defaultBehavior, defaultConfig, defaultModels } from './config/simulator-config.js';
export type {
  Behavior,
  BehaviorPatch,
  BehaviorRule,
  ContextOverflowMode,
  EmbeddingFormatChange,
  LatencyDistribution,
  ModelSpec,
  RuleMatch,
  SimulatorConfig,
  SimulatorConfigPatch,
} from './config/simulator-config.js';
export { ConfigError } from './config/config-error.js';
export { validateConfigPatch, applyConfigPatch } from './config/validate-config.js';
export type { SimulatorStats, RequestRecord } from './server/simulator-stats.js';
export { ProviderError, PROVIDER_ERROR_STATUS } from './server/provider-error.js';
export type { ProviderErrorCode } from './server/provider-error.js';
export { embedText, cosine } from './embeddings/embed-text.js';
export { mangleFormat } from './embeddings/mangle-format.js';
export { countTokens } from './util/count-tokens.js';
export { checkAgainstSchema } from './json/check-against-schema.js';
export { analyzePrompt } from './text/analyze-prompt.js';
export type { Passage, PromptAnalysis } from './text/analyze-prompt.js';
export { isRefusal } from './text/refusal.js';
