import type { Alert } from '@glassbox/core/detect';
import { describe, expect, it } from 'vitest';
import {
  alertFiltersToSearch,
  alertQuery,
  filterAlerts,
  parseAlertFilters,
} from './alert-filters.js';

const alert = (id: string, severity: Alert['severity'], status: Alert['status'], at: number) =>
  ({ id, severity, status, openedAtMs: at }) as Alert;

describe('alert filters', () => {
  it('round-trips through the URL and ignores unknown values', () => {
    expect(parseAlertFilters('?status=open&severity=critical')).toEqual({
      status: 'open',
      severity: 'critical',
    });
    expect(parseAlertFilters('?status=closed&severity=huge')).toEqual({});
    expect(alertFiltersToSearch({ status: 'resolved', severity: 'error' })).toBe(
      '?status=resolved&severity=error',
    );
    expect(alertFiltersToSearch({})).toBe('');
  });

  it('sends status to the API and applies severity locally, unresolved and worst first', () => {
    expect(alertQuery({ status: 'open', severity: 'error' }).toString()).toBe(
      'status=open&limit=500',
    );
    const alerts = [
      alert('old-warning', 'warning', 'open', 1),
      alert('resolved-critical', 'critical', 'resolved', 5),
      alert('new-warning', 'warning', 'acknowledged', 3),
      alert('error', 'error', 'open', 2),
    ];
    expect(filterAlerts(alerts, {}).map((a) => a.id)).toEqual([
      'error',
      'new-warning',
      'old-warning',
      'resolved-critical',
    ]);
    expect(filterAlerts(alerts, { severity: 'warning' }).map((a) => a.id)).toEqual([
      'new-warning',
      'old-warning',
    ]);
  });
});
