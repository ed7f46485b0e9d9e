import type { DemoOutcome } from './demo-outcome.js';

/**
 * The demo's closing table: per scenario, the incident to open, the alert that raised it,
 * how many requests after the injected onset that took, and the layer the diagnosis named
 * next to the scenario's labelled one.
 *
 * @example
 * out.write(renderOutcomes(outcomes, 'http://127.0.0.1:4318'));
 */
export function renderOutcomes(outcomes: readonly DemoOutcome[], url: string): string {
  const header = ['scenario', 'incident', 'first alert', 'delay', 'layer (labelled)'];
  const rows = outcomes.map((o) => [
    o.scenario,
    o.incident ? `${url}/incidents/${encodeURIComponent(o.incident.id)}` : 'none opened',
    [o.firstAlert?.title ?? (o.incident ? 'change only' : '—'), o.changeAlert && '+ change']
      .filter(Boolean)
      .join(' '),
    o.delayRequests === undefined ? '—' : `${o.delayRequests} req`,
    `${o.topLayer ?? '—'} (${o.labelledLayer})`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const found = outcomes.filter((o) => o.incident).length;
  const falseAlarms = outcomes.reduce((n, o) => n + o.falseAlarms, 0);
  return [
    '',
    `Detection: ${found} of ${outcomes.length} scenarios opened an incident` +
      (falseAlarms > 0 ? `; ${falseAlarms} incident(s) opened on healthy traffic` : '') +
      '.',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
  ].join('\n');
}
