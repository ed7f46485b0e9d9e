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

export { SCENARIOS, findScenario } from './scenarios/incident-scenarios.js';
export type { Scenario, ScenarioContext, PhaseSpec } from './scenarios/scenario.js';
export { runScenario, DEFAULT_START_MS } from './scenarios/run-scenario.js';
export type {
  RunScenarioOptions,
  ScenarioProgress,
  ScenarioRun,
} from './scenarios/run-scenario.js';
export { writeGroundTruth } from './scenarios/ground-truth.js';
export {
  drawRandomIncident,
  incidentGroundTruth,
  requestTimes,
  isRateMetric,
  RANDOM_INCIDENT_METRICS,
  SPAN_CONVENTIONS,
  SEGMENT_ATTRIBUTES,
  INCIDENT_DIRECTIONS,
  MIN_RATE_EFFECT,
  MIN_VALUE_FACTOR,
  MIN_SEGMENT_SHARE,
} from './scenarios/random-incidents.js';
export type {
  RandomIncident,
  RandomIncidentMetric,
  IncidentEffect,
  IncidentGroundTruth,
  SegmentValue,
  SegmentProfile,
  SpanConvention,
  DrawOptions,
} from './scenarios/random-incidents.js';
export { randomIncidentTraffic } from './scenarios/random-incident-traffic.js';
export type { RandomRequest } from './scenarios/random-incident-traffic.js';
export type { GroundTruth, PhaseRecord } from './scenarios/ground-truth.js';
export { createSupportApps } from './scenarios/support-apps.js';
export type { SupportApps } from './scenarios/support-apps.js';
export { scenarioModels } from './scenarios/scenario-models.js';
export { RagBot, DEFAULT_RAG_SETTINGS, SUPPORT_PROMPT_V3 } from './apps/rag-bot.js';
export type { RagBotSettings, RagAnswer, IngestOptions } from './apps/rag-bot.js';
export { BookingAgent, DEFAULT_AGENT_SETTINGS, planTasks } from './apps/booking-agent.js';
export type { BookingAgentSettings, AgentResult } from './apps/booking-agent.js';
export { HandoffAgents, DEFAULT_HANDOFF_SETTINGS } from './apps/handoff-agents.js';
export type { HandoffSettings, HandoffResult } from './apps/handoff-agents.js';
export { SupportRouter, DEFAULT_ROUTER_SETTINGS } from './apps/support-router.js';
export type { RouterSettings, RoutedAnswer, Route } from './apps/support-router.js';
export { AppRunError } from './apps/with-trace-id.js';
export { chunkDocument } from './apps/chunk-document.js';
export type { Chunk, ChunkingStrategy } from './apps/chunk-document.js';
export { VectorIndex } from './apps/vector-index.js';
export type { IndexedChunk, SearchHit } from './apps/vector-index.js';
export { loadCorpus, applyCorpusUpdate, CORPUS_DIR } from './apps/load-corpus.js';
export type { CorpusDocument, CorpusEdition } from './apps/load-corpus.js';
export { generateTraffic } from './traffic/generate-traffic.js';
export type { TrafficRequest, TrafficOptions, MixEntry } from './traffic/generate-traffic.js';
export { VirtualClock } from './traffic/virtual-clock.js';
export { seededIdGenerator } from './traffic/seeded-id-generator.js';
export type { IdGenerator } from './traffic/seeded-id-generator.js';
export {
  FAQ_QUERIES,
  HUMAN_REQUEST_QUERIES,
  NEW_PRODUCT_QUERIES,
  HIGH_RISK_QUERIES,
  BOOKING_QUERIES,
  STATUS_QUERIES,
  HANDOFF_QUERIES,
  MULTI_STEP_QUERIES,
} from './traffic/query-catalog.js';
export type { CatalogQuery, RequestKind } from './traffic/query-catalog.js';
