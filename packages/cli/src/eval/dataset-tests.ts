import { assertionFromString, parseDatasetRef, type DatasetItem } from '@glassbox/core/evals';
import type { ServerClient } from '../server-client.js';
import { GOLD_DOCUMENTS_KEY } from './trace-retrieval-scores.js';

/** The metadata key that ties a test back to its dataset item. */
export const DATASET_ITEM_KEY = 'datasetItemId';

/** A dataset version fetched from the server. */
export interface FetchedDataset {
  name: string;
  version: number;
  items: DatasetItem[];
}

/**
 * Fetches `NAME[@VERSION]` (the newest version when none is named) from the server.
 *
 * @example
 * const dataset = await fetchDataset(server, 'support@3');
 */
export async function fetchDataset(server: ServerClient, ref: string): Promise<FetchedDataset> {
  const { name, version } = parseDatasetRef(ref);
  const resolved =
    version ??
    (
      await server.call<{ items: { version: number }[] }>(
        'GET',
        `/api/datasets/${encodeURIComponent(name)}/versions`,
      )
    ).items[0]?.version;
  if (resolved === undefined) throw new Error(`dataset "${name}" has no versions`);
  const { items } = await server.call<{ items: DatasetItem[] }>(
    'GET',
    `/api/datasets/${encodeURIComponent(name)}/versions/${resolved}/items`,
  );
  return { name, version: resolved, items };
}

/**
 * Dataset items as promptfoo tests: the item's vars, its expected value as an assertion
 * (promptfoo's `__expected` rules), its id and gold document ids in the metadata;
 * `defaultTest` still applies.
 */
export function testsFromDataset(dataset: FetchedDataset): Record<string, unknown>[] {
  return dataset.items.map((item) => ({
    description: `${dataset.name}@${dataset.version} ${item.id}`,
    vars: item.vars,
    ...(item.expected !== undefined ? { assert: [assertionFromString(item.expected)] } : {}),
    metadata: {
      ...item.metadata,
      [DATASET_ITEM_KEY]: item.id,
      ...(item.goldDocumentIds ? { [GOLD_DOCUMENTS_KEY]: item.goldDocumentIds } : {}),
    },
  }));
}
