export { ArtifactRegistry } from './artifact-registry.js';
export type { Acting, ArtifactRegistryOptions } from './artifact-registry.js';
export { ArtifactEventFeed } from './artifact-event-feed.js';
export type { ArtifactEventFeedOptions } from './artifact-event-feed.js';
export { HOLD_MODES, applyHold } from './apply-hold.js';
export type { HoldMode, HoldOutcome, HoldRequest } from './apply-hold.js';
export { CanaryFeed } from './canary-feed.js';
export type { CanaryFeedResult } from './canary-feed.js';
