import type { Span } from '../../src/model/span.js';
import { diagnoseTrace } from '../../src/diagnose/diagnose-trace.js';
import { findFailures } from '../../src/classify/classify-trace.js';
import type { FailureCategory, Layer } from '../../src/classify/failure-categories.js';
import { DEFAULT_THRESHOLDS, type ClassifierThresholds } from '../../src/classify/thresholds.js';
import type { LabelledTrace } from './labelled-trace.js';

export interface CategoryScore {
  category: FailureCategory;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

export interface CorpusScore {
  categories: CategoryScore[];
  layerAccuracy: number;
  /** Traces whose categories or layer differ from the label, with what was found. */
  mismatches: {
    name: string;
    expected: FailureCategory[];
    found: FailureCategory[];
    expectedLayer?: Layer;
    foundLayer?: Layer;
  }[];
  cleanTracesWithFindings: number;
}

/**
 * Score the classifier and the diagnosis against a labelled corpus: precision and recall per
 * category (a trace counts once per category) and the share of traces whose most likely layer
 * matches the label (clean traces must have none).
 */
export function scoreCorpus(
  corpus: LabelledTrace[],
  thresholds: ClassifierThresholds = DEFAULT_THRESHOLDS,
): CorpusScore {
  const counts = new Map<FailureCategory, { tp: number; fp: number; fn: number }>();
  const bump = (c: FailureCategory, k: 'tp' | 'fp' | 'fn'): void => {
    const v = counts.get(c) ?? { tp: 0, fp: 0, fn: 0 };
    v[k]++;
    counts.set(c, v);
  };
  let layerHits = 0;
  let cleanWithFindings = 0;
  const mismatches: CorpusScore['mismatches'] = [];
  for (const t of corpus) {
    const findings = findFailures(t.spans as Span[], thresholds, t.sessionSpans ?? []);
    const found = new Set(findings.map((f) => f.category));
    const expected = new Set(t.expected);
    for (const c of found) bump(c, expected.has(c) ? 'tp' : 'fp');
    for (const c of expected) if (!found.has(c)) bump(c, 'fn');
    const layer = diagnoseTrace(t.spans, findings).mostLikely;
    if (layer === t.layer) layerHits++;
    if (t.expected.length === 0 && found.size > 0) cleanWithFindings++;
    const same = found.size === expected.size && [...found].every((c) => expected.has(c));
    if (!same || layer !== t.layer)
      mismatches.push({
        name: t.name,
        expected: t.expected,
        found: [...found],
        expectedLayer: t.layer,
        foundLayer: layer,
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
    categories,
    layerAccuracy: corpus.length === 0 ? 1 : layerHits / corpus.length,
    mismatches,
    cleanTracesWithFindings: cleanWithFindings,
  };
}
