import { checkDatasetItem, type DatasetItem } from './dataset-item.js';
import { DatasetRowsError, type RowProblem } from './dataset-rows-error.js';
import { EVAL_ERROR_CODES, EvalError } from './eval-error.js';
import { parseCsv } from './parse-csv.js';

/** The formats a dataset imports from and exports to. */
export const DATASET_FORMATS = ['jsonl', 'csv'] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

/** CSV columns that are item fields rather than input variables. */
export const CSV_FIELD_COLUMNS = {
  id: 'id',
  expected: 'expected',
  __expected: 'expected',
  gold_document_ids: 'goldDocumentIds',
  source_trace_id: 'sourceTraceId',
  categories: 'categories',
  dimensions: 'dimensions',
} as const;

/** Lists inside one CSV cell are separated by `;`. */
const splitList = (cell: string): string[] =>
  cell
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');

function csvRecordToRaw(values: Record<string, string>): Record<string, unknown> {
  const raw: Record<string, unknown> = { vars: {} };
  const vars = raw.vars as Record<string, string>;
  const metadata: Record<string, string> = {};
  for (const [column, cell] of Object.entries(values)) {
    const field = CSV_FIELD_COLUMNS[column as keyof typeof CSV_FIELD_COLUMNS];
    if (column.startsWith('metadata.')) {
      if (cell !== '') metadata[column.slice('metadata.'.length)] = cell;
    } else if (column.startsWith('vars.')) vars[column.slice('vars.'.length)] = cell;
    else if (field === undefined) vars[column] = cell;
    else if (cell === '') continue;
    else if (field === 'goldDocumentIds' || field === 'categories' || field === 'dimensions')
      raw[field] = splitList(cell);
    else raw[field] = cell;
  }
  if (Object.keys(metadata).length > 0) raw.metadata = metadata;
  return raw;
}

function collect(
  source: string,
  rows: readonly { line: number; raw: unknown; problem?: string }[],
): DatasetItem[] {
  const problems: RowProblem[] = [];
  const items: DatasetItem[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    if (row.problem !== undefined) {
      problems.push({ line: row.line, message: row.problem });
      continue;
    }
    const checked = checkDatasetItem(row.raw);
    if ('problem' in checked) {
      problems.push({ line: row.line, message: checked.problem });
      continue;
    }
    const first = seen.get(checked.item.id);
    if (first !== undefined) {
      problems.push({
        line: row.line,
        message: `item id "${checked.item.id}" repeats line ${first}`,
      });
      continue;
    }
    seen.set(checked.item.id, row.line);
    items.push(checked.item);
  }
  if (problems.length > 0) throw new DatasetRowsError(source, problems);
  if (items.length === 0)
    throw new EvalError(EVAL_ERROR_CODES.invalidData, `${source} has no items`);
  return items;
}

/**
 * Reads dataset items from JSONL (one item object a line) or CSV (a header row; `id`,
 * `expected`/`__expected`, `gold_document_ids`, `source_trace_id`, `categories`,
 * `dimensions` are item fields, `metadata.KEY` metadata, every other column (or `vars.KEY`)
 * an input variable; lists in a cell are `;`-separated). Every row is checked first: any bad
 * row makes the whole import a DatasetRowsError naming each bad line, so nothing is
 * half-imported.
 *
 * @example
 * parseDatasetFile('{"vars":{"q":"refund?"}}\n', 'jsonl', 'items.jsonl'); // [{ id: 'item-…', vars: { q: 'refund?' } }]
 */
export function parseDatasetFile(
  text: string,
  format: DatasetFormat,
  source = format.toUpperCase(),
): DatasetItem[] {
  if (format === 'csv') {
    const records = parseCsv(text, source);
    return collect(
      source,
      records.map((r) => ({ line: r.line, raw: csvRecordToRaw(r.values) })),
    );
  }
  const rows: { line: number; raw: unknown; problem?: string }[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((content, index) => {
      if (content.trim() === '') return;
      try {
        rows.push({ line: index + 1, raw: JSON.parse(content) as unknown });
      } catch (error) {
        rows.push({
          line: index + 1,
          raw: undefined,
          problem: `not JSON (${(error as Error).message})`,
        });
      }
    });
  return collect(source, rows);
}
