import type { DatasetItem } from './dataset-item.js';
import { CSV_FIELD_COLUMNS, type DatasetFormat } from './parse-dataset-file.js';

const csvCell = (value: string): string =>
  /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

const cellText = (value: unknown): string =>
  typeof value === 'string' ? value : JSON.stringify(value);

function itemsToCsv(items: readonly DatasetItem[]): string {
  const varNames = [...new Set(items.flatMap((i) => Object.keys(i.vars)))];
  const metaNames = [...new Set(items.flatMap((i) => Object.keys(i.metadata ?? {})))];
  // A variable named like an item field is written as `vars.NAME` so it reads back as a variable.
  const varColumn = (name: string): string =>
    name in CSV_FIELD_COLUMNS || name.startsWith('metadata.') || name.startsWith('vars.')
      ? `vars.${name}`
      : name;
  const header = [
    'id',
    ...varNames.map(varColumn),
    'expected',
    'gold_document_ids',
    'source_trace_id',
    'categories',
    'dimensions',
    ...metaNames.map((m) => `metadata.${m}`),
  ];
  const rows = items.map((item) => [
    item.id,
    ...varNames.map((v) => (item.vars[v] === undefined ? '' : cellText(item.vars[v]))),
    item.expected ?? '',
    (item.goldDocumentIds ?? []).join(';'),
    item.sourceTraceId ?? '',
    (item.categories ?? []).join(';'),
    (item.dimensions ?? []).join(';'),
    ...metaNames.map((m) => item.metadata?.[m] ?? ''),
  ]);
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

/**
 * Writes dataset items as JSONL (lossless) or CSV (variables that are not strings become
 * their JSON text), in the shapes parseDatasetFile reads back.
 *
 * @example
 * formatDatasetFile(items, 'jsonl'); // '{"id":"item-1","vars":{"q":"refund?"}}\n'
 */
export function formatDatasetFile(items: readonly DatasetItem[], format: DatasetFormat): string {
  if (format === 'csv') return itemsToCsv(items);
  return items.map((item) => JSON.stringify(item)).join('\n') + (items.length ? '\n' : '');
}
