import type { Alert, Incident } from '@glassbox/core/detect';

/** An error-rate alert of project `default` that opened at `openedAtMs`. */
export const alert = (id: string, openedAtMs: number, status: Alert['status'] = 'open'): Alert => ({
  id,
  projectId: 'default',
  monitorId: 'error-rate',
  dedupeKey: 'error-rate',
  title: 'Error rate',
  message: 'up',
  metric: 'error_rate',
  severity: 'error',
  status,
  onsetMs: openedAtMs - 10,
  openedAtMs,
  lastSeenMs: openedAtMs,
  count: 1,
  change: false,
  evidence: {
    detector: 'bernoulli_cusum',
    params: {},
    statistic: 5,
    threshold: 4,
    baseline: { rate: 0.01 },
    current: { rate: 0.2 },
    chart: [],
    exampleTraceIds: ['t'],
  },
});

/** An open incident of project `default` grouping alert `a1`. */
export const incident: Incident = {
  id: 'i1',
  projectId: 'default',
  title: 'x',
  severity: 'error',
  status: 'open',
  openedAtMs: 90,
  updatedAtMs: 100,
  alertIds: ['a1'],
  timeline: [],
};
