import type { Severity } from '../classify/failure-categories.js';

/**
 * Incident severity as on-call teams name it (PagerDuty / incident.io): SEV1 is a critical,
 * customer-facing outage; SEV4 a minor issue with no customer impact.
 */
export const INCIDENT_SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

const FROM_DETECTION: Record<Severity, IncidentSeverity> = {
  critical: 'SEV1',
  error: 'SEV2',
  warning: 'SEV3',
  info: 'SEV4',
};

/** The severity detection suggests, until a person sets one. */
export const suggestedSeverity = (detected: Severity): IncidentSeverity => FROM_DETECTION[detected];
