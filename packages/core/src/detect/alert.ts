import type { Severity } from '../classify/failure-categories.js';
import type { ChartPoint } from './detector.js';
import type { DetectorKind, DetectorParams } from './detector.js';

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** What an alert shows to justify itself. */
export interface AlertEvidence {
  detector: DetectorKind;
  params: DetectorParams;
  statistic: number;
  threshold: number;
  baseline: Record<string, number | string>;
  current: Record<string, number | string>;
  chart: ChartPoint[];
  exampleTraceIds: string[];
}

/** A monitor's out-of-control episode; repeated alarms merge into it until it resolves. */
export interface Alert {
  id: string;
  projectId: string;
  monitorId: string;
  /** Monitor plus the changed category when there is one: duplicates share it. */
  dedupeKey: string;
  title: string;
  message: string;
  metric: string;
  segment?: Record<string, string>;
  severity: Severity;
  status: AlertStatus;
  /** Event time the change most likely began. */
  onsetMs: number;
  /** Event time of the first and the latest alarm. */
  openedAtMs: number;
  lastSeenMs: number;
  resolvedAtMs?: number;
  /** Alarms merged into this alert. */
  count: number;
  evidence: AlertEvidence;
  incidentId?: string;
  /** True for change alerts (model, sampling parameters, prompt version). */
  change: boolean;
}
