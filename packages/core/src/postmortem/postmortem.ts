import type { Layer } from '../classify/failure-categories.js';
import type { TraceSample } from './postmortem-evidence.js';
import type { TraceSampling } from './trace-reservoir.js';

/** What a statement rests on; every statement in a postmortem names at least one or says it has none. */
export interface EvidenceLink {
  kind: 'alert' | 'trace' | 'change' | 'metric' | 'monitor' | 'version' | 'eval_run';
  id: string;
  label: string;
}

/** One sentence of the postmortem and the evidence it rests on. `missing` says what data would answer it. */
export interface Statement {
  text: string;
  links: EvidenceLink[];
  basis: 'data' | 'missing';
}

/** A change near the onset, ranked by closeness to it. */
export interface ChangeItem {
  atMs: number;
  kind: 'model' | 'sampling' | 'prompt' | 'source' | 'documents' | 'version' | 'other';
  text: string;
  /** How far from the onset, in ms (negative: before). */
  offsetMs: number;
  links: EvidenceLink[];
}

export interface ScopeBreakdown {
  key: string;
  value: string;
  traces: number;
  affected: number;
  share: number;
}

export interface Scope {
  fromMs: number;
  toMs: number;
  traces: number;
  affectedTraces: number;
  affectedShare: number;
  sessions: number;
  affectedSessions: number;
  /** The failure categories whose rate rose after the onset: "affected" means one of these. */
  categories: string[];
  bySegment: ScopeBreakdown[];
  verdict: 'isolated' | 'systematic' | 'unknown';
  /** Set when the counts are of a uniform sample of the window's traces. */
  sampled?: TraceSampling;
}

export interface LayerShare {
  layer: Layer;
  traces: number;
  share: number;
}

export interface RatePoint {
  startMs: number;
  traces: number;
  affected: number;
}

export interface DetectionGap {
  onsetMs: number;
  firstAlertMs?: number;
  delayMs?: number;
  /** Traces between the onset and the first alert. */
  delayRequests?: number;
  /** Monitors that watch the incident's categories (or its alerts' metrics). */
  coveringMonitors: string[];
  /** Incident categories no monitor watches. */
  unmonitoredCategories: string[];
  /** Incident categories without eval dataset items; undefined when coverage is unknown. */
  uncoveredByEvals?: string[];
  statements: Statement[];
}

export interface Recovery {
  before?: number;
  during?: number;
  after?: number;
  residualRisk: Statement;
}

/** root_cause.category of the "What Breaks" postmortem template. */
export const ROOT_CAUSE_CATEGORIES = [
  'prompt_drift',
  'retrieval',
  'tool_failure',
  'context',
  'eval',
  'data_drift',
] as const;
export type RootCauseCategory = (typeof ROOT_CAUSE_CATEGORIES)[number];

export interface Postmortem {
  incidentId: string;
  title: string;
  severity: string;
  status: string;
  generatedAtMs: number;
  onsetMs: number;
  resolvedAtMs?: number;
  /** The four questions, in order, answered from the data or saying what is missing. */
  questions: {
    output: Statement[];
    whatChanged: Statement[];
    isolatedOrSystematic: Statement[];
    detectionGap: Statement[];
  };
  timeline: { atMs: number; text: string; links: EvidenceLink[] }[];
  changes: ChangeItem[];
  versionsAtStart: Record<string, string>;
  layers: LayerShare[];
  rootCause: { category: RootCauseCategory | null; layer?: Layer; reason: Statement };
  driftOrAcute: { kind: 'acute' | 'drift' | 'unknown'; reason: Statement };
  scope: Scope;
  series: RatePoint[];
  detectionGap: DetectionGap;
  failingTraces: TraceSample[];
  healthyTraces: TraceSample[];
  recovery: Recovery;
  /** Follow-ups the evidence suggests (monitors, evals, gates, rollback rules). */
  prevention: Statement[];
}

/** The formats a postmortem is rendered in: Markdown for people, template YAML, JSON with every link. */
export const POSTMORTEM_FORMATS = ['md', 'yaml', 'json'] as const;
export type PostmortemFormat = (typeof POSTMORTEM_FORMATS)[number];
