import type { Finding, Layer, Severity } from '../classify/failure-categories.js';
import { finalAnswerSpan } from '../classify/grounding-rules.js';
import type { Span } from '../model/span.js';
import { clearingEvidence, type Clearance } from './clearing-evidence.js';
import {
  DIAGNOSIS_ORDER,
  EXPLAINS,
  LAYER_LABELS,
  type Diagnosis,
  type EvidenceKind,
  type LayerVerdict,
} from './diagnosis.js';
import { GENERATION_CONFIG_DRIFT, isOffCorpus, layerOfFinding } from './layer-of-finding.js';
import { upstreamEvidence, type UpstreamOptions } from './upstream-data.js';

export type DiagnoseOptions = Partial<UpstreamOptions>;

const SEVERITY_WEIGHT: Record<Severity, number> = {
  info: 0.35,
  warning: 0.55,
  error: 0.75,
  critical: 0.9,
};

/**
 * Walk the diagnosis tree for one trace (retrieval, generation, routing, upstream data, tools,
 * infrastructure, then input, output, cost and latency) and give each layer a verdict with
 * the evidence for and against. Implicated layers come first, likeliest root cause first.
 * `findings` are the trace's findings (`findFailures`). A layer that explains another
 * (`EXPLAINS`) outranks it, but a changed generation configuration (model version, sampling)
 * is a cause and never counts as a consequence. Low relevance on an off-corpus question
 * implicates the input, and retrieval only weakly.
 *
 * @example
 * const d = diagnoseTrace(spans, findFailures(spans));
 * d.mostLikely; // 'retrieval'
 */
export function diagnoseTrace(
  spans: Span[],
  findings: Finding[],
  options: DiagnoseOptions = {},
): Diagnosis {
  const o: UpstreamOptions = {
    batchWindowMs: options.batchWindowMs ?? 3_600_000,
    recentIngestionDays: options.recentIngestionDays ?? 7,
  };
  const retrievalImplicated = findings.some((f) => {
    const layer = layerOfFinding(f, findings);
    return layer === 'retrieval' || layer === 'input';
  });
  const upstream = upstreamEvidence(spans, findings, retrievalImplicated, o);
  const byLayer = new Map<Layer, Finding[]>();
  for (const f of findings) {
    const layer = layerOfFinding(f, findings, upstream.implicated);
    byLayer.set(layer, [...(byLayer.get(layer) ?? []), f]);
  }
  const score = new Map<Layer, number>();
  // What a layer shows as a possible consequence of another. A changed generation
  // configuration is a cause, and it explains the rest of its own layer's findings.
  const effect = new Map<Layer, number>();
  for (const [layer, fs] of byLayer) {
    score.set(layer, layerScore(fs));
    if (!fs.some((f) => GENERATION_CONFIG_DRIFT.has(f.category)))
      effect.set(layer, score.get(layer)!);
  }
  if (upstream.implicated)
    score.set('upstream_data', Math.max(score.get('upstream_data') ?? 0, 0.7));
  for (let pass = 0; pass < 3; pass++) {
    for (const [cause, effects] of EXPLAINS) {
      const c = score.get(cause);
      if (c === undefined) continue;
      for (const layer of effects) {
        const e = effect.get(layer);
        if (e === undefined || e < c) continue;
        score.set(cause, Math.min(0.99, e + 0.02));
        // Raised for what it explains, so it passes that on to what explains it.
        effect.set(cause, Math.max(effect.get(cause) ?? 0, e + 0.02));
      }
    }
  }
  const offCorpus = findings.filter((f) => isOffCorpus(f) && !upstream.implicated);
  if (offCorpus.length > 0 && !score.has('retrieval')) score.set('retrieval', WEAK);
  const answer = finalAnswerSpan(spans);
  // Every kind of failure the trace shows: no layer may be cleared by ruling one out.
  const shown = new Set<EvidenceKind>(findings.map((f) => f.category));
  if (upstream.implicated) shown.add('upstream_change');
  const verdicts: LayerVerdict[] = DIAGNOSIS_ORDER.map((layer) => {
    const fs = byLayer.get(layer) ?? [];
    const clearing = clearingEvidence(layer, spans, findings, answer);
    const evidence: Array<{ text: string; kind: EvidenceKind }> = fs.map((f) => ({
      text: f.message,
      kind: f.category,
    }));
    if (layer === 'upstream_data')
      evidence.push(...upstream.for.map((text) => ({ text, kind: 'upstream_change' as const })));
    if (layer === 'retrieval' && fs.length === 0 && offCorpus.length > 0)
      evidence.push({
        text: `weakly: ${offCorpus[0]!.message}, but the documents hold almost none of the question\u2019s words (an off-corpus question)`,
        kind: 'low_relevance',
      });
    const clearances: Clearance[] = [
      ...clearing.against,
      ...(layer === 'upstream_data' && !upstream.implicated
        ? upstream.against.map((text) => ({ text, rulesOut: ['upstream_change' as const] }))
        : []),
    ].filter((c) => !c.rulesOut.some((k) => shown.has(k)));
    const kinds = {
      for: [...new Set(evidence.map((e) => e.kind))],
      against: [...new Set(clearances.flatMap((c) => c.rulesOut))],
    };
    const evidenceFor = evidence.map((e) => e.text);
    const evidenceAgainst = clearances.map((c) => c.text);
    const s = score.get(layer);
    if (s !== undefined)
      return {
        layer,
        verdict: 'implicated',
        confidence: round(s),
        evidenceFor,
        evidenceAgainst,
        kinds,
      };
    if (clearing.checked && clearances.length > 0)
      return {
        layer,
        verdict: 'cleared',
        confidence: round(clearing.confidence),
        evidenceFor,
        evidenceAgainst,
        kinds,
      };
    const unknownBecause = clearing.checked
      ? ['what would clear it is contradicted by a finding elsewhere in the trace']
      : clearing.unknownBecause;
    return {
      layer,
      verdict: 'unknown',
      confidence: 0,
      evidenceFor,
      evidenceAgainst: [...evidenceAgainst, ...unknownBecause],
      kinds,
    };
  });
  const rank = (v: LayerVerdict): number =>
    v.verdict === 'implicated' ? 2 + v.confidence : v.verdict === 'cleared' ? 1 : 0;
  const layers = verdicts
    .map((v, i) => ({ v, i }))
    .sort((a, b) => rank(b.v) - rank(a.v) || a.i - b.i)
    .map((x) => x.v);
  const mostLikely = layers[0]?.verdict === 'implicated' ? layers[0].layer : undefined;
  return { layers, mostLikely, summary: summarize(layers, mostLikely) };
}

/** How strongly a layer is implicated only as the place an off-corpus question surfaced. */
const WEAK = 0.3;

function layerScore(fs: Finding[]): number {
  const top = Math.max(...fs.map((f) => SEVERITY_WEIGHT[f.severity]));
  return Math.min(0.95, top + 0.03 * (new Set(fs.map((f) => f.category)).size - 1));
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function summarize(layers: LayerVerdict[], mostLikely: Layer | undefined): string {
  const cleared = layers.filter((l) => l.verdict === 'cleared').map((l) => LAYER_LABELS[l.layer]);
  const clearedText = cleared.length > 0 ? ` Cleared: ${cleared.join(', ')}.` : '';
  if (!mostLikely) return `No failure found in this trace.${clearedText}`;
  const top = layers[0]!;
  const others = layers
    .slice(1)
    .filter((l) => l.verdict === 'implicated')
    .map((l) => LAYER_LABELS[l.layer]);
  const why = top.evidenceFor.slice(0, 2).join('; ');
  const also =
    others.length > 0 ? ` Also implicated, likely as consequences: ${others.join(', ')}.` : '';
  return `Most likely cause: ${LAYER_LABELS[mostLikely]} (confidence ${top.confidence}) \u2014 ${why}.${also}${clearedText}`;
}
