import { escapeXml } from './junit-report.js';
import type { EvalReport } from './eval-report.js';
import { failureReason, resultName } from './eval-report.js';

const STYLE = `body{font:14px system-ui,sans-serif;margin:2rem;color:#1a1a1a}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ddd;padding:.4rem .6rem;vertical-align:top;text-align:left}th{background:#f4f4f4}
.pass{color:#17692b}.fail{color:#a4161a}.error{color:#8a5a00}pre{white-space:pre-wrap;margin:0;max-height:12rem;overflow:auto}
details summary{cursor:pointer}.judge{background:#fafafa;border:1px solid #eee;padding:.4rem}`;

/** A self-contained HTML report (no scripts, no external files): summary and every result, judge prompts included. */
export function htmlReport(report: EvalReport): string {
  const s = report.stats;
  const rows = report.results.map((r) => {
    const output =
      typeof r.response.output === 'string'
        ? r.response.output
        : JSON.stringify(r.response.output, null, 2);
    const judges = (r.grading?.componentResults ?? [])
      .filter((c) => c.judge)
      .map(
        (c) =>
          `<details class="judge"><summary>judge (${escapeXml(c.judge?.promptVersion ?? '')})</summary><pre>${escapeXml(c.judge?.prompt ?? '')}</pre><pre>${escapeXml(c.judge?.answer ?? '')}</pre></details>`,
      )
      .join('');
    return `<tr><td class="${r.status}">${r.status.toUpperCase()}${r.response.cached ? ' (cached)' : ''}</td><td>${escapeXml(resultName(r))}<br><small>${escapeXml(r.cell.test.source)}</small></td><td><pre>${escapeXml(r.cell.renderedPrompt)}</pre></td><td><pre>${escapeXml(output ?? '')}</pre></td><td>${escapeXml(r.status === 'pass' ? '' : failureReason(r))}${judges}</td></tr>`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>glassbox eval</title><style>${STYLE}</style></head><body>
<h1>glassbox eval</h1><p>${escapeXml(report.description ?? '')} <code>${escapeXml(report.configPath)}</code> — ${escapeXml(report.startedAt)}</p>
<p><b>${s.successes}</b> passed, <b>${s.failures}</b> failed, <b>${s.errors}</b> errors — pass rate ${s.passRate.toFixed(2)} % in ${(report.durationMs / 1000).toFixed(1)} s at concurrency ${report.concurrency}</p>
<table><thead><tr><th>result</th><th>test</th><th>prompt</th><th>output</th><th>reason</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></body></html>
`;
}
