import type { FailureCategory, Layer } from '@glassbox/core/classify';
import type { RunningSimulator } from '../start-simulator.js';
import type { SupportApps } from './support-apps.js';
import type { MixEntry } from '../traffic/generate-traffic.js';
import type { VirtualClock } from '../traffic/virtual-clock.js';
import type { CorpusDocument } from '../apps/load-corpus.js';

/** What a scenario can change while it runs. */
export interface ScenarioContext {
  sim: RunningSimulator;
  apps: SupportApps;
  clock: VirtualClock;
  corpus: CorpusDocument[];
}

/** One phase of traffic. */
export interface PhaseSpec {
  /** Simulated length of the phase. */
  minutes: number;
  mix: readonly MixEntry[];
  /** The mix drifts toward `to` over the phase (query-distribution shift). */
  shift?: { to: readonly MixEntry[]; finalShare: number };
}

/**
 * An incident reproduced from production reports, with what a detector should find. The
 * healthy phase runs first, then `onset` applies the change, then the incident phase runs.
 */
export interface Scenario {
  name: string;
  title: string;
  description: string;
  failingLayer: Layer;
  rootCause: string;
  affectedSegment: string;
  /**
   * The affected segment as trace segment keys (`route`, `intent`, `risk`, `meta.<key>`,
   * `model`, `tool`); empty when all of the scenario's traffic is affected.
   */
  segmentKeys: Readonly<Record<string, string>>;
  /** Categories `findFailures` should report in the incident phase, not (or rarely) before. */
  expectedCategories: readonly FailureCategory[];
  /** The metric that should move. */
  detectionSignal: string;
  /** How questions enter: through the escalation router, or straight to the RAG bot. */
  questionsVia: 'router' | 'bot';
  healthy: PhaseSpec;
  incident: PhaseSpec;
  /**
   * Healthy requests the monitor of its detection signal needs before it arms, when more
   * than the rate monitors' 1,000 (the demo runs at least this many).
   */
  healthyRequestsToArm?: number;
  /** Simulated minutes between the onset and the incident traffic (a slow-burning cause). */
  incidentDelayMinutes?: number;
  /** Before the healthy phase: settings that hold in both phases. */
  setup?(ctx: ScenarioContext): Promise<void> | void;
  /** The change that starts the incident; returns what changed, for the ground truth. */
  onset(ctx: ScenarioContext): Promise<string[]> | string[];
  /** Before each incident request, with the phase progress in [0, 1] (gradual causes). */
  during?(ctx: ScenarioContext, progress: number): Promise<void> | void;
}
