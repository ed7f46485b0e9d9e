import type { Alert, Incident } from '@glassbox/core/detect';

/** What happened to an alert, as notifications report it. */
export type AlertNotice = 'opened' | 'resolved';

/** The generic JSON webhook body: the whole alert and its incident id. */
export function webhookPayload(
  notice: AlertNotice,
  alert: Alert,
  incident?: Incident,
): Record<string, unknown> {
  return {
    type: `alert.${notice}`,
    alert,
    ...(incident
      ? { incident: { id: incident.id, title: incident.title, status: incident.status } }
      : {}),
  };
}

const fmt = (v: number | string): string =>
  typeof v === 'number' ? String(Number(v.toPrecision(4))) : v;
const pairs = (r: Record<string, number | string>): string =>
  Object.entries(r)
    .map(([k, v]) => `${k} ${fmt(v)}`)
    .join(', ');

/**
 * A Slack-compatible incoming-webhook body: `text` for notifications and clients without
 * blocks, `blocks` with the evidence (baseline vs current, statistic vs threshold).
 *
 * @example
 * slackPayload('opened', alert); // { text: ':rotating_light: Error rate ...', blocks: [...] }
 */
export function slackPayload(
  notice: AlertNotice,
  alert: Alert,
): { text: string; blocks: unknown[] } {
  const icon =
    notice === 'resolved'
      ? ':white_check_mark:'
      : alert.severity === 'critical' || alert.severity === 'error'
        ? ':rotating_light:'
        : ':warning:';
  const text = `${icon} ${notice === 'resolved' ? 'Resolved' : alert.severity.toUpperCase()}: ${alert.title} — ${alert.message}`;
  const e = alert.evidence;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${text}*` } },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: `*Baseline*\n${pairs(e.baseline)}` },
          { type: 'mrkdwn', text: `*Current*\n${pairs(e.current)}` },
          {
            type: 'mrkdwn',
            text: `*Statistic*\n${fmt(e.statistic)} (threshold ${fmt(e.threshold)}, ${e.detector})`,
          },
          {
            type: 'mrkdwn',
            text: `*Example traces*\n${e.exampleTraceIds.slice(0, 3).join(', ') || '—'}`,
          },
        ],
      },
    ],
  };
}
