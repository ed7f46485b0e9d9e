export { buildSimulatorCorpus } from './build-simulator-corpus.js';
export type {
  BuildSimulatorCorpusOptions,
  SimulatorLabelledTrace,
} from './build-simulator-corpus.js';
export { expectedCategories } from './label-request.js';
export type { RequestFacts } from './label-request.js';
export { observeRequests } from './request-observer.js';
export type { RequestObservation } from './request-observer.js';
export { scoreQuality, formatQualityTable } from './score-quality.js';
export type { QualityTrace, QualityReport, CategoryQuality } from './score-quality.js';
