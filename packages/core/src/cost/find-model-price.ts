import { MODEL_PRICES, type ModelPrice } from './model-prices.js';

/**
 * What may follow a family name in a snapshot id: dates (`-2024-08-06`, `-20241022`,
 * `@20241022`), short versions (`-0613`, `-001`, `-v2`, `:0`) and `-latest`. Anything else
 * (`-mini`, `-audio-preview`) names a different model.
 */
const SNAPSHOT_SUFFIX = /^(?:-\d{4}-\d{2}-\d{2}|-\d{8}|-\d{3,4}|-latest|-v\d+|@\d{8}|:\d+)*$/;

/** Routing prefixes in front of a model id: `openai/`, `models/`, Bedrock `us.anthropic.`. */
const ROUTE_PREFIX =
  /^(?:[\w-]+\/)+|^(?:(?:us|eu|apac|global)\.)?(?:anthropic|mistral|meta|amazon|cohere)\./;

/**
 * The price of a model id, matching dated snapshots to their family by the longest listed
 * prefix followed by a snapshot suffix (`gpt-4o-2024-08-06` -> `gpt-4o`, while `gpt-4o-mini`
 * only matches its own entry). Undefined for unknown models and fine-tunes.
 *
 * @example
 * findModelPrice('claude-3-5-sonnet-20241022'); // { input: 3, output: 15, cachedInput: 0.3 }
 */
export function findModelPrice(model: string): ModelPrice | undefined {
  const cached = cache.get(model);
  if (cached !== undefined) return cached ?? undefined;
  const price = lookUp(model);
  // Model strings come from telemetry, so an unbounded cache could grow without end.
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(model, price ?? null);
  return price;
}

/** The price table is read-only, so a model string always resolves to the same entry. */
const cache = new Map<string, ModelPrice | null>();
const CACHE_LIMIT = 4096;

function lookUp(model: string): ModelPrice | undefined {
  const id = model.trim().toLowerCase().replace(ROUTE_PREFIX, '');
  let best: string | undefined;
  for (const family of Object.keys(MODEL_PRICES)) {
    if (!id.startsWith(family)) continue;
    if (!SNAPSHOT_SUFFIX.test(id.slice(family.length))) continue;
    if (best === undefined || family.length > best.length) best = family;
  }
  return best === undefined ? undefined : MODEL_PRICES[best];
}
