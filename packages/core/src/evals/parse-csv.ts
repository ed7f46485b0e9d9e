import { EVAL_ERROR_CODES, EvalError } from './eval-error.js';

/** One CSV record with the 1-based line it starts on. */
export interface CsvRecord {
  line: number;
  values: Record<string, string>;
}

/**
 * RFC 4180 CSV with a header row: quoted fields may hold commas, quotes (`""`) and line
 * breaks; a byte-order mark is dropped; blank lines are skipped; header names are trimmed.
 * A record with a different number of fields than the header, or an unterminated quote, is
 * an error naming its line.
 *
 * @example
 * parseCsv('q,__expected\n"a, b",contains:b\n'); // [{ line: 2, values: { q: 'a, b', __expected: 'contains:b' } }]
 */
export function parseCsv(text: string, source = 'CSV'): CsvRecord[] {
  const rows = splitRows(text.replace(/^\uFEFF/, ''), source);
  const header = rows.shift();
  if (!header) return [];
  const names = header.fields.map((f) => f.trim());
  return rows.map(({ line, fields }) => {
    if (fields.length !== names.length) {
      throw new EvalError(
        EVAL_ERROR_CODES.invalidData,
        `${source} line ${line}: ${fields.length} fields, but the header has ${names.length}`,
      );
    }
    const values: Record<string, string> = {};
    names.forEach((name, i) => (values[name] = fields[i] as string));
    return { line, values };
  });
}

function splitRows(text: string, source: string): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let rowHasContent = false;
  const endRow = (): void => {
    fields.push(field);
    if (rowHasContent || fields.length > 1 || field !== '') rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
    rowHasContent = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      rowHasContent = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      rowHasContent = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else field += c;
  }
  if (quoted)
    throw new EvalError(
      EVAL_ERROR_CODES.invalidData,
      `${source} line ${rowLine}: unterminated quoted field`,
    );
  if (field !== '' || fields.length > 0) endRow();
  return rows;
}
