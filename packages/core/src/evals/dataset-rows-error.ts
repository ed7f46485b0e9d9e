import { EVAL_ERROR_CODES, EvalError } from './eval-error.js';

/** One rejected row of an import: its 1-based line and what is wrong with it. */
export interface RowProblem {
  line: number;
  message: string;
}

/** The most problems one error lists in its message; `rows` holds them all. */
const LISTED = 20;

/**
 * An import refused as a whole because some rows are bad; nothing of it was kept. The
 * message names every bad line (up to 20; `rows` has all).
 *
 * @example
 * throw new DatasetRowsError('items.jsonl', [{ line: 3, message: 'not JSON' }]);
 */
export class DatasetRowsError extends EvalError {
  constructor(
    source: string,
    readonly rows: readonly RowProblem[],
  ) {
    const listed = rows
      .slice(0, LISTED)
      .map((r) => `line ${r.line}: ${r.message}`)
      .join('; ');
    const more = rows.length > LISTED ? `; and ${rows.length - LISTED} more` : '';
    super(
      EVAL_ERROR_CODES.invalidData,
      `${source}: ${rows.length} bad row${rows.length === 1 ? '' : 's'}, nothing imported: ${listed}${more}`,
    );
  }
}
