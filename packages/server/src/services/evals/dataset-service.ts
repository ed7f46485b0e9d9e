import {
  checkDatasetItem,
  EVAL_ERROR_CODES,
  EvalError,
  datasetItemFromTrace,
  DatasetRowsError,
  formatDatasetFile,
  parseDatasetFile,
  type DatasetFormat,
  type DatasetItem,
} from '@glassbox/core/evals';
import type { FailureCategory } from '@glassbox/core/classify';
import type { DatasetVersion, Storage } from '@glassbox/store';
import { EvalNotFound } from './eval-service-error.js';

export interface DatasetChange {
  items?: readonly unknown[];
  import?: { format: DatasetFormat; text: string };
  append?: boolean;
  note?: string;
}

/** Items from a JSON list, each checked; any bad one refuses the list, naming its index. */
function checkItems(raw: readonly unknown[]): DatasetItem[] {
  const problems: { line: number; message: string }[] = [];
  const items: DatasetItem[] = [];
  const seen = new Set<string>();
  raw.forEach((r, i) => {
    const checked = checkDatasetItem(r);
    if ('problem' in checked) problems.push({ line: i + 1, message: checked.problem });
    else if (seen.has(checked.item.id))
      problems.push({ line: i + 1, message: `item id "${checked.item.id}" appears twice` });
    else {
      seen.add(checked.item.id);
      items.push(checked.item);
    }
  });
  // Index i is reported as "line i+1": the n-th item of the list.
  if (problems.length > 0) throw new DatasetRowsError('items', problems);
  return items;
}

/** The newest version's items with `added` merged in: same id replaces, new ids append. */
function merge(base: readonly DatasetItem[], added: readonly DatasetItem[]): DatasetItem[] {
  const byId = new Map(added.map((i) => [i.id, i]));
  const kept = base.map((i) => byId.get(i.id) ?? i);
  const known = new Set(base.map((i) => i.id));
  return [...kept, ...added.filter((i) => !known.has(i.id))];
}

/**
 * Datasets for the API: every change is validated whole, then written as the next
 * immutable version.
 *
 * @example
 * await new DatasetService(storage).change('default', 'support', { import: { format: 'csv', text } });
 */
export class DatasetService {
  constructor(private readonly storage: Pick<Storage, 'evals' | 'traces'>) {}

  async change(projectId: string, name: string, change: DatasetChange): Promise<DatasetVersion> {
    if ((change.items === undefined) === (change.import === undefined))
      throw new EvalError(EVAL_ERROR_CODES.invalidData, 'give exactly one of "items" or "import"');
    const given = change.import
      ? parseDatasetFile(
          change.import.text,
          change.import.format,
          change.import.format.toUpperCase(),
        )
      : checkItems(change.items ?? []);
    return this.write(projectId, name, given, change.append === true, change.note);
  }

  /** Adds traces as items (appended to the newest version); a missing trace refuses them all. */
  async addTraces(
    projectId: string,
    name: string,
    traceIds: readonly string[],
    note?: string,
    /** Expected outputs written for some of the traces (promptfoo `__expected` form). */
    expected?: ReadonlyMap<string, string>,
  ): Promise<DatasetVersion> {
    const items: DatasetItem[] = [];
    for (const traceId of [...new Set(traceIds)]) {
      const detail = await this.storage.traces.getTrace(projectId, traceId);
      if (!detail || detail.spans.length === 0)
        throw new EvalNotFound(`trace ${traceId} not found`);
      const findings = await this.storage.traces.getFindings(projectId, traceId);
      const item = datasetItemFromTrace(
        detail.spans,
        findings.map((f) => f.category as FailureCategory),
      );
      const written = expected?.get(traceId);
      items.push(written === undefined ? item : { ...item, expected: written });
    }
    return this.write(
      projectId,
      name,
      items,
      true,
      note ?? `added ${items.length} trace${items.length === 1 ? '' : 's'}`,
    );
  }

  async items(projectId: string, name: string, version: number): Promise<DatasetItem[]> {
    const items = await this.storage.evals.datasets.getDatasetItems(projectId, name, version);
    if (!items) throw new EvalNotFound(await this.missing(projectId, name, version));
    return items;
  }

  async export(projectId: string, name: string, version: number, format: DatasetFormat) {
    return formatDatasetFile(await this.items(projectId, name, version), format);
  }

  async versions(projectId: string, name: string): Promise<DatasetVersion[]> {
    const versions = await this.storage.evals.datasets.listDatasetVersions(projectId, name);
    if (versions.length === 0) throw new EvalNotFound(`dataset "${name}" not found`);
    return versions;
  }

  private async write(
    projectId: string,
    name: string,
    given: readonly DatasetItem[],
    append: boolean,
    note: string | undefined,
  ): Promise<DatasetVersion> {
    const store = this.storage.evals.datasets;
    let items = [...given];
    if (append) {
      const latest = (await store.listDatasetVersions(projectId, name))[0];
      if (latest) {
        const base = (await store.getDatasetItems(projectId, name, latest.version)) ?? [];
        items = merge(base, given);
      }
    }
    return store.createDatasetVersion({
      projectId,
      name,
      items,
      createdAtMs: Date.now(),
      ...(note !== undefined ? { note } : {}),
    });
  }

  private async missing(projectId: string, name: string, version: number): Promise<string> {
    const versions = await this.storage.evals.datasets.listDatasetVersions(projectId, name);
    if (versions.length === 0) return `dataset "${name}" not found`;
    return `dataset "${name}" has no version ${version} (newest: ${versions[0]?.version})`;
  }
}
