import {
  FAILURE_CATEGORIES,
  type FailureCategory,
  type Layer,
} from '../classify/failure-categories.js';
import type { LayerShare } from './postmortem.js';
import type { TraceRow } from './postmortem-evidence.js';

/**
 * For the affected traces, the share whose incident categories fall in each layer (a trace
 * counts once per layer), most common first.
 */
export function layerShares(
  affected: readonly TraceRow[],
  categories: readonly string[],
): LayerShare[] {
  const wanted = new Set(categories);
  const counts = new Map<Layer, number>();
  for (const trace of affected) {
    const layers = new Set(
      trace.categories.filter((c) => wanted.has(c)).flatMap((c) => layerOf(c) ?? []),
    );
    for (const layer of layers) counts.set(layer, (counts.get(layer) ?? 0) + 1);
  }
  return [...counts]
    .map(([layer, traces]) => ({
      layer,
      traces,
      share: affected.length > 0 ? traces / affected.length : 0,
    }))
    .sort((a, b) => b.traces - a.traces);
}

export function layerOf(category: string): Layer | undefined {
  return (FAILURE_CATEGORIES as Record<string, { layer: Layer } | undefined>)[
    category as FailureCategory
  ]?.layer;
}
