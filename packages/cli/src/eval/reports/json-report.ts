import type { ProviderResponse } from '@glassbox/core/evals';
import { cellKey } from '../run-eval.js';
import type { EvalReport } from './eval-report.js';

/**
 * The machine-readable report: stats and every result with its vars, prompt, response
 * (marked `cached` when it came from a re-scoring file) and grading. `--rescore` reads its
 * `responses` back.
 */
export function jsonReport(report: EvalReport): string {
  return JSON.stringify(
    {
      version: 1,
      generator: 'glassbox eval',
      config: report.configPath,
      description: report.description,
      startedAt: report.startedAt,
      durationMs: report.durationMs,
      concurrency: report.concurrency,
      stats: report.stats,
      results: report.results.map((r) => ({
        key: cellKey(r.cell),
        testIndex: r.cell.testIndex,
        promptIndex: r.cell.promptIndex,
        providerIndex: r.cell.providerIndex,
        repeatIndex: r.cell.repeatIndex,
        source: r.cell.test.source,
        description: r.cell.test.description,
        provider: { id: r.cell.provider.id, label: r.cell.provider.label },
        vars: r.cell.vars,
        prompt: r.cell.renderedPrompt,
        response: r.response,
        status: r.status,
        success: r.status === 'pass',
        error: r.error,
        score: r.grading?.score,
        namedScores: r.grading?.namedScores,
        grading: r.grading,
      })),
    },
    null,
    2,
  );
}

/** The responses of a JSON report by cell key, for re-scoring without calling again. */
export function responsesFromJsonReport(
  text: string,
  source: string,
): Map<string, ProviderResponse> {
  let parsed: { results?: { key?: unknown; response?: unknown }[] };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw new Error(`${source} is not a glassbox eval JSON report`);
  }
  if (!Array.isArray(parsed.results)) throw new Error(`${source} has no "results"`);
  const out = new Map<string, ProviderResponse>();
  for (const r of parsed.results) {
    if (typeof r.key === 'string' && r.response && typeof r.response === 'object')
      out.set(r.key, r.response as ProviderResponse);
  }
  return out;
}
