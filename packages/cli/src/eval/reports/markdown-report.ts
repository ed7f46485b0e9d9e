import type { EvalReport } from './eval-report.js';
import { failureReason, resultName } from './eval-report.js';

const cell = (text: string): string =>
  text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').slice(0, 200);

/** A pull-request comment: the verdict, the counts, and the first failing results. */
export function markdownReport(report: EvalReport, limit = 20): string {
  const s = report.stats;
  const verdict =
    s.failures + s.errors === 0
      ? '✅ all tests passed'
      : `❌ ${s.failures} failed, ${s.errors} errors`;
  const lines = [
    `## glassbox eval: ${verdict}`,
    '',
    `${report.description ? `${report.description} — ` : ''}\`${report.configPath}\``,
    '',
    '| passed | failed | errors | pass rate | duration |',
    '|---:|---:|---:|---:|---:|',
    `| ${s.successes} | ${s.failures} | ${s.errors} | ${s.passRate.toFixed(2)} % | ${(report.durationMs / 1000).toFixed(1)} s |`,
  ];
  const bad = report.results.filter((r) => r.status !== 'pass');
  if (bad.length > 0) {
    lines.push('', '| test | reason |', '|---|---|');
    for (const r of bad.slice(0, limit))
      lines.push(`| ${cell(resultName(r))} | ${cell(failureReason(r))} |`);
    if (bad.length > limit) lines.push('', `… and ${bad.length - limit} more.`);
  }
  return `${lines.join('\n')}\n`;
}
