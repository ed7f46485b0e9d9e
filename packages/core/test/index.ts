// Test-only helpers shared by every package's tests (`@glassbox/core/testing`, resolved by the
// test configuration; not part of core's published exports).
export {
  makeSpan,
  llmSpan,
  retrieverSpan,
  toolSpan,
  rootSpan,
  doc,
  T0,
  DAY,
} from './corpus/span-factory.js';
export { CORPUS } from './corpus/index.js';
export type { LabelledTrace } from './corpus/index.js';
export { scoreCorpus } from './corpus/score-corpus.js';
export { makeObservation } from './detect/observation-factory.js';
export { syntheticStream, HEALTHY_PROFILE } from './detect/synthetic-stream.js';
export type { StreamProfile } from './detect/synthetic-stream.js';
export { rateLimitedTraffic, rateLimitIncident } from './incidents/rate-limited-traffic.js';
