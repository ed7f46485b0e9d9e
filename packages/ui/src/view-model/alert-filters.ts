import { API_ROUTES, searchParamsOf, type RouteSearchParams } from '@glassbox/core/api';
import { SEVERITIES } from '@glassbox/core/classify';
import { ALERT_STATUSES, type Alert, type AlertStatus } from '@glassbox/core/detect';

export const ALERT_SEVERITIES = SEVERITIES;

/** The alerts list filters as kept in the URL: `?status=open&severity=error`. */
export interface AlertFilters {
  status?: AlertStatus;
  severity?: string;
}

/**
 * Reads the alert filters from a query string; unknown values are ignored.
 *
 * @example
 * parseAlertFilters('?status=open&severity=critical'); // { status: 'open', severity: 'critical' }
 */
export function parseAlertFilters(search: string): AlertFilters {
  const q = new URLSearchParams(search);
  const status = q.get('status');
  const severity = q.get('severity');
  const out: AlertFilters = {};
  if (status && (ALERT_STATUSES as readonly string[]).includes(status))
    out.status = status as AlertStatus;
  if (severity && (ALERT_SEVERITIES as readonly string[]).includes(severity))
    out.severity = severity;
  return out;
}

/** The query string of alert filters (empty when none). */
export function alertFiltersToSearch(filters: AlertFilters): string {
  const q = new URLSearchParams();
  if (filters.status) q.set('status', filters.status);
  if (filters.severity) q.set('severity', filters.severity);
  const text = q.toString();
  return text ? `?${text}` : '';
}

/** The API query for a filter set: status goes to the server, severity is applied here. */
export function alertQuery(
  filters: AlertFilters,
  limit = 500,
): RouteSearchParams<typeof API_ROUTES.listAlerts> {
  return searchParamsOf(API_ROUTES.listAlerts, { status: filters.status, limit });
}

/** Alerts matching the severity filter, worst severity first then newest. */
export function filterAlerts(alerts: readonly Alert[], filters: AlertFilters): Alert[] {
  const rank = (s: string) => ALERT_SEVERITIES.indexOf(s as (typeof ALERT_SEVERITIES)[number]);
  return alerts
    .filter((a) => !filters.severity || a.severity === filters.severity)
    .sort(
      (a, b) =>
        Number(b.status !== 'resolved') - Number(a.status !== 'resolved') ||
        rank(b.severity) - rank(a.severity) ||
        b.openedAtMs - a.openedAtMs,
    );
}
