import { checkArtifactKind, checkArtifactName } from '../artifacts/artifact-kind.js';
import { SEVERITIES, type Severity } from '../classify/failure-categories.js';
import { DetectError } from './detect-error.js';
import { DETECTORS, detectorsWithParam } from './detector-catalog.js';
import { checkParams } from './detector-params.js';
import { DETECTOR_KINDS, type DetectorKind, type DetectorParams } from './detector.js';
import { resolveMetric, type Metric } from './metric-catalog.js';

/** Where an alert is announced: a generic JSON webhook or a Slack-compatible one. */
export interface NotificationTarget {
  type: 'webhook' | 'slack';
  url: string;
}

/** Detector parameters for the segments of a tier, e.g. a stricter threshold for high risk. */
export interface SegmentTier {
  segment: Record<string, string>;
  params: DetectorParams;
}

/**
 * What a monitor's alarm does to the change its incident suspects: `hold` freezes the
 * artifact's label pending review, `rollback` moves it back to the previous version.
 * Without `artifact` (`kind/name`) the artifact is found from the suspected change.
 */
export interface AlarmAction {
  action: 'hold' | 'rollback';
  artifact?: string;
  /** Default `production`. */
  label?: string;
}

/** What to watch, how, and whom to tell. */
export interface MonitorDefinition {
  /** Lower-case slug, unique within the project. */
  id: string;
  name: string;
  metric: string;
  segment?: Record<string, string>;
  /**
   * Also chart each segment of these keys (`auto`: keys found in the traffic, see
   * segment-discovery.ts); bernoulli_cusum only.
   */
  segmentBy?: 'auto' | string[];
  /** Parameters for segments matching a tier (first match wins); with `segmentBy`. */
  tiers?: SegmentTier[];
  /** An incident this monitor's alarm joins holds or rolls back its suspected change. */
  onAlarm?: AlarmAction;
  detector: DetectorKind;
  params: DetectorParams;
  severity: Severity;
  notify: NotificationTarget[];
  enabled: boolean;
}

const ID = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
const FIELDS = new Set([
  'id',
  'name',
  'metric',
  'segment',
  'detector',
  'params',
  'severity',
  'notify',
  'enabled',
  'segmentBy',
  'tiers',
  'onAlarm',
]);
/** The YAML spelling of fields. */
const ALIASES: Record<string, string> = {
  segment_by: 'segmentBy',
  on_alarm: 'onAlarm',
};

function fail(path: string, message: string): never {
  throw new DetectError('invalid_monitor', `${path}: ${message}`, path);
}

/**
 * Validates a monitor definition from the API or a YAML file and fills defaults (params {},
 * severity warning, notify [], enabled true). Errors are DetectError `invalid_monitor` whose
 * message and `path` name the field, e.g. `monitors[1].detector`.
 *
 * @example
 * checkMonitor({ id: 'refunds-errors', metric: 'error_rate', detector: 'bernoulli_cusum', segment: { route: 'refund' } });
 */
export function checkMonitor(input: unknown, path = 'monitor'): MonitorDefinition {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    fail(path, 'must be an object');
  const m: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const name = ALIASES[key] ?? key;
    if (!FIELDS.has(name)) fail(`${path}.${key}`, 'unknown field');
    if (name in m) fail(`${path}.${key}`, `given twice (as ${name} too)`);
    m[name] = value;
  }
  if (typeof m.id !== 'string' || !ID.test(m.id))
    fail(`${path}.id`, 'must be a lower-case slug (a-z, 0-9, _ . -), at most 64 characters');
  if (typeof m.metric !== 'string') fail(`${path}.metric`, 'must be a metric name');
  let metric: Metric;
  try {
    metric = resolveMetric(m.metric);
  } catch (error) {
    fail(`${path}.metric`, (error as Error).message);
  }
  if (
    typeof m.detector !== 'string' ||
    !(DETECTOR_KINDS as readonly string[]).includes(m.detector)
  ) {
    fail(`${path}.detector`, `must be one of ${DETECTOR_KINDS.join(', ')}`);
  }
  const detector = m.detector as DetectorKind;
  if (!DETECTORS[detector].metricKinds.includes(metric.kind)) {
    fail(`${path}.detector`, `${detector} cannot watch ${metric.name} (a ${metric.kind} metric)`);
  }
  const params = checkParams(
    detector,
    DETECTORS[detector].params,
    m.params ?? {},
    `${path}.params`,
    detectorsWithParam,
  );
  const severity = m.severity ?? 'warning';
  if (typeof severity !== 'string' || !(SEVERITIES as readonly string[]).includes(severity)) {
    fail(`${path}.severity`, `must be one of ${SEVERITIES.join(', ')}`);
  }
  const out: MonitorDefinition = {
    id: m.id,
    name:
      m.name === undefined
        ? m.id
        : typeof m.name === 'string' && m.name.trim()
          ? m.name
          : fail(`${path}.name`, 'must be non-empty text'),
    metric: metric.name,
    detector,
    params,
    severity: severity as Severity,
    notify: checkNotify(m.notify ?? [], `${path}.notify`),
    enabled:
      m.enabled === undefined
        ? true
        : typeof m.enabled === 'boolean'
          ? m.enabled
          : fail(`${path}.enabled`, 'must be true or false'),
  };
  if (m.segment !== undefined) out.segment = checkSegment(m.segment, `${path}.segment`);
  if (m.segmentBy !== undefined || m.tiers !== undefined) {
    if (!SEGMENTED_DETECTORS.has(detector))
      fail(
        `${path}.segmentBy`,
        `per-segment charts need bernoulli_cusum, ewma or tabular_cusum, not ${detector}`,
      );
    if (m.tiers !== undefined && detector !== 'bernoulli_cusum')
      fail(`${path}.tiers`, `risk tiers need bernoulli_cusum, not ${detector}`);
    out.segmentBy = checkSegmentBy(m.segmentBy ?? 'auto', `${path}.segmentBy`);
  }
  if (m.tiers !== undefined) {
    if (!Array.isArray(m.tiers)) fail(`${path}.tiers`, 'must be a list of { segment, params }');
    out.tiers = m.tiers.map((t: unknown, i) => {
      const at = `${path}.tiers[${i}]`;
      if (typeof t !== 'object' || t === null || Array.isArray(t))
        fail(at, 'must be an object with segment and params');
      const { segment, params: tierParams, ...rest } = t as Record<string, unknown>;
      for (const key of Object.keys(rest)) fail(`${at}.${key}`, 'unknown field');
      if (segment === undefined) fail(`${at}.segment`, 'is required');
      return {
        segment: checkSegment(segment, `${at}.segment`),
        params: checkParams(
          detector,
          DETECTORS[detector].params,
          tierParams ?? {},
          `${at}.params`,
          detectorsWithParam,
        ),
      };
    });
  }
  if (m.onAlarm !== undefined) out.onAlarm = checkAlarmAction(m.onAlarm, `${path}.onAlarm`);
  return out;
}

const ALARM_ACTIONS = ['hold', 'rollback'] as const;

function checkAlarmAction(input: unknown, path: string): AlarmAction {
  const spec = typeof input === 'string' ? { action: input } : input;
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec))
    fail(path, 'must be hold, rollback or { action, artifact?, label? }');
  const { action, artifact, label, ...rest } = spec as Record<string, unknown>;
  for (const key of Object.keys(rest)) fail(`${path}.${key}`, 'unknown field');
  if (!(ALARM_ACTIONS as readonly unknown[]).includes(action))
    fail(`${path}.action`, `must be one of ${ALARM_ACTIONS.join(', ')}`);
  const out: AlarmAction = { action: action as AlarmAction['action'] };
  if (artifact !== undefined) {
    const [kind = '', name, extra] = typeof artifact === 'string' ? artifact.split('/') : [];
    if (name === undefined || extra !== undefined)
      fail(`${path}.artifact`, 'must be kind/name, e.g. model/triage-model');
    try {
      out.artifact = `${checkArtifactKind(kind)}/${checkArtifactName(name, 'name')}`;
    } catch (error) {
      fail(`${path}.artifact`, (error as Error).message);
    }
  }
  if (label !== undefined) {
    try {
      out.label = checkArtifactName(typeof label === 'string' ? label : String(label), 'label');
    } catch (error) {
      fail(`${path}.label`, (error as Error).message);
    }
  }
  return out;
}

/** Detectors that can run per segment (rates, and values on segment block charts). */
const SEGMENTED_DETECTORS = new Set(['bernoulli_cusum', 'ewma', 'tabular_cusum']);

function checkSegmentBy(input: unknown, path: string): 'auto' | string[] {
  if (input === 'auto') return 'auto';
  if (
    !Array.isArray(input) ||
    input.length === 0 ||
    input.some((k) => typeof k !== 'string' || k.trim() === '')
  )
    fail(path, 'must be auto or a non-empty list of attribute keys');
  return [...new Set(input as string[])];
}

function checkSegment(input: unknown, path: string): Record<string, string> {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    fail(path, 'must be an object of key: value');
  for (const [key, value] of Object.entries(input)) {
    if (typeof value !== 'string') fail(`${path}.${key}`, 'must be text');
  }
  return { ...(input as Record<string, string>) };
}

function checkNotify(input: unknown, path: string): NotificationTarget[] {
  if (!Array.isArray(input)) fail(path, 'must be a list');
  return input.map((t: unknown, i) => {
    const at = `${path}[${i}]`;
    if (typeof t !== 'object' || t === null) fail(at, 'must be an object with type and url');
    const { type, url } = t as Record<string, unknown>;
    if (type !== 'webhook' && type !== 'slack') fail(`${at}.type`, 'must be webhook or slack');
    if (typeof url !== 'string' || !/^https?:\/\/[^\s]+$/.test(url))
      fail(`${at}.url`, 'must be an http(s) URL');
    return { type, url };
  });
}
