import { evalStats } from '../eval-result.js';
import type { EvalReport } from './eval-report.js';
import { failureReason, resultName } from './eval-report.js';

/** Escapes text for XML attributes and content; control characters XML forbids are dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\p{Cc}/gu, (c) => (c === '\n' || c === '\t' || c === '\r' ? c : ''));
}

/** JUnit XML: one testsuite per provider, one testcase per result; failures and errors as JUnit has them. */
export function junitReport(report: EvalReport): string {
  const byProvider = new Map<string, typeof report.results>();
  for (const r of report.results) {
    const label = r.cell.provider.label ?? r.cell.provider.id;
    byProvider.set(label, [...(byProvider.get(label) ?? []), r]);
  }
  const suites = [...byProvider].map(([label, results]) => {
    const s = evalStats(results);
    const cases = results.map((r) => {
      const time = ((r.response.latencyMs ?? 0) / 1000).toFixed(3);
      const open = `    <testcase name="${escapeXml(resultName(r))}" classname="${escapeXml(r.cell.test.source)}" time="${time}"`;
      if (r.status === 'pass') return `${open}/>`;
      const tag = r.status === 'error' ? 'error' : 'failure';
      return `${open}>\n      <${tag} message="${escapeXml(failureReason(r).slice(0, 500))}"/>\n    </testcase>`;
    });
    return `  <testsuite name="${escapeXml(label)}" tests="${s.total}" failures="${s.failures}" errors="${s.errors}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const s = report.stats;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="glassbox eval" tests="${s.total}" failures="${s.failures}" errors="${s.errors}" time="${(report.durationMs / 1000).toFixed(3)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
