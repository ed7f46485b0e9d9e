import type { Finding } from '../classify/failure-categories.js';

/** What a trace can be filtered by from its findings. */
export interface FindingFacets {
  /** Distinct failure categories, sorted. */
  categories: string[];
  /** Distinct layers of those findings, sorted. */
  layers: string[];
}

/**
 * The filterable facets of a trace's findings.
 *
 * @example
 * findingFacets(findings); // { categories: ['tool_loop'], layers: ['tools'] }
 */
export function findingFacets(findings: readonly Finding[]): FindingFacets {
  return {
    categories: [...new Set(findings.map((f) => f.category))].sort(),
    layers: [...new Set(findings.map((f) => f.layer))].sort(),
  };
}
