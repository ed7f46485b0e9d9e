import { FAILURE_CATEGORIES, type FailureCategory } from '../classify/index.js';
import type { DatasetItem } from './dataset-item.js';
import { FAILURE_CATEGORY_EVALUATORS } from './failure-category-assertions.js';
import { RUBRIC_DIMENSIONS, type RubricDimension } from './rubric-dimensions.js';

/** How well one failure category or rubric dimension is guarded by dataset items. */
export interface CoverageEntry {
  name: string;
  /** Items that name it, across the datasets given. */
  items: number;
  /** The datasets (name@version) holding those items. */
  datasets: string[];
  /** For categories: a deterministic evaluator exists (`glassbox:...`) to grade it online. */
  evaluator?: string;
}

export interface EvalCoverage {
  categories: CoverageEntry[];
  dimensions: CoverageEntry[];
  /** Names with no item at all: the detection gap a postmortem reports. */
  uncoveredCategories: FailureCategory[];
  uncoveredDimensions: RubricDimension[];
}

/**
 * Which failure categories and rubric dimensions have dataset items and which have none,
 * over the latest version of each dataset. An item covers a category or dimension when it
 * names it (`categories`, `dimensions`), as items added from failing traces do.
 *
 * @example
 * evalCoverage([{ dataset: 'support@3', items }]).uncoveredCategories; // ['tool_loop', ...]
 */
export function evalCoverage(
  datasets: readonly { dataset: string; items: readonly DatasetItem[] }[],
): EvalCoverage {
  const evaluatorOf = new Map<string, string>();
  for (const e of Object.values(FAILURE_CATEGORY_EVALUATORS))
    for (const c of e.categories) if (!evaluatorOf.has(c)) evaluatorOf.set(c, e.type);
  const tally = (names: readonly string[], pick: (i: DatasetItem) => readonly string[]) =>
    names.map((name): CoverageEntry => {
      let items = 0;
      const where = new Set<string>();
      for (const d of datasets)
        for (const item of d.items)
          if (pick(item).includes(name)) {
            items++;
            where.add(d.dataset);
          }
      const entry: CoverageEntry = { name, items, datasets: [...where].sort() };
      const evaluator = evaluatorOf.get(name);
      if (evaluator !== undefined) entry.evaluator = evaluator;
      return entry;
    });
  const categories = tally(Object.keys(FAILURE_CATEGORIES), (i) => i.categories ?? []);
  const dimensions = tally(Object.keys(RUBRIC_DIMENSIONS), (i) => i.dimensions ?? []).map(
    ({ evaluator: _unused, ...rest }) => rest,
  );
  return {
    categories,
    dimensions,
    uncoveredCategories: categories
      .filter((c) => c.items === 0)
      .map((c) => c.name as FailureCategory),
    uncoveredDimensions: dimensions
      .filter((d) => d.items === 0)
      .map((d) => d.name as RubricDimension),
  };
}
