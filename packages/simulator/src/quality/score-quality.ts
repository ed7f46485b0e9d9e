import type { FailureCategory, Layer } from '@glassbox/core/classify';
import type { Span } from '@glassbox/core/model';
import { findFailures } from '@glassbox/core/classify';
import { diagnoseTrace } from '@glassbox/core/diagnose';

/** A trace with the categories it must produce and, when the layer is scored, the layer to blame. */
export interface QualityTrace {
  name: string;
  spans: Span[];
  sessionSpans?: Span[];
  expected: readonly FailureCategory[];
  /** Scored against diagnoseTrace's most likely layer when set and the trace has findings. */
  layer?: Layer;
}

export interface CategoryQuality {
  category: FailureCategory;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

export interface QualityReport {
  traces: number;
  categories: CategoryQuality[];
  /** Share of layer-labelled traces with findings whose diagnosis names that layer; 1 with none. */
  layerAccuracy: number;
  layerScored: number;
  /** Traces labelled clean that produced findings. */
  cleanWithFindings: number;
  mismatches: {
    name: string;
    expected: FailureCategory[];
    found: FailureCategory[];
    expectedLayer?: Layer;
    foundLayer?: Layer;
  }[];
}

/**
 * Precision and recall per category (a trace counts once per category) and layer accuracy
 * over labelled traces, running the real classifier and diagnosis.
 *
 * @example scoreQuality([{ name: 'ok', spans, expected: [] }]).cleanWithFindings // 0
 */
export function scoreQuality(traces: readonly QualityTrace[]): QualityReport {
  const counts = new Map<FailureCategory, { tp: number; fp: number; fn: number }>();
  const bump = (c: FailureCategory, k: 'tp' | 'fp' | 'fn'): void => {
    const v = counts.get(c) ?? { tp: 0, fp: 0, fn: 0 };
    v[k]++;
    counts.set(c, v);
  };
  let layerScored = 0;
  let layerHits = 0;
  let cleanWithFindings = 0;
  const mismatches: QualityReport['mismatches'] = [];
  for (const t of traces) {
    const findings = findFailures(t.spans, undefined, t.sessionSpans ?? []);
    const found = new Set(findings.map((f) => f.category));
    const expected = new Set(t.expected);
    for (const c of found) bump(c, expected.has(c) ? 'tp' : 'fp');
    for (const c of expected) if (!found.has(c)) bump(c, 'fn');
    if (expected.size === 0 && found.size > 0) cleanWithFindings++;
    const scored = t.layer !== undefined && findings.length > 0;
    const foundLayer = scored ? diagnoseTrace(t.spans, findings).mostLikely : undefined;
    if (scored) {
      layerScored++;
      if (foundLayer === t.layer) layerHits++;
    }
    const same = found.size === expected.size && [...found].every((c) => expected.has(c));
    if (!same || (scored && foundLayer !== t.layer))
      mismatches.push({
        name: t.name,
        expected: [...expected].sort(),
        found: [...found].sort(),
        ...(t.layer ? { expectedLayer: t.layer } : {}),
        ...(foundLayer ? { foundLayer } : {}),
      });
  }
  const categories = [...counts.entries()]
    .map(([category, { tp, fp, fn }]) => ({
      category,
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
      precision: tp + fp === 0 ? 1 : tp / (tp + fp),
      recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    }))
    .sort((a, b) => a.category.localeCompare(b.category));
  return {
    traces: traces.length,
    categories,
    layerAccuracy: layerScored === 0 ? 1 : layerHits / layerScored,
    layerScored,
    cleanWithFindings,
    mismatches,
  };
}

/**
 * The report as a fixed-width table for logs.
 *
 * @example console.log(formatQualityTable(scoreQuality(corpus)))
 */
export function formatQualityTable(report: QualityReport): string {
  const rows = report.categories.map(
    (c) =>
      `${c.category.padEnd(30)} ${c.precision.toFixed(2).padStart(9)} ${c.recall.toFixed(2).padStart(6)}   tp ${c.truePositives} fp ${c.falsePositives} fn ${c.falseNegatives}`,
  );
  return [
    `${'category'.padEnd(30)} precision recall`,
    ...rows,
    `layer accuracy ${report.layerAccuracy.toFixed(3)} over ${report.layerScored} traces; ${report.cleanWithFindings} clean traces with findings; ${report.traces} traces`,
  ].join('\n');
}
