/** Every way the store can refuse or fail, as stable codes callers can switch on. */
export const STORE_ERROR_CODES = {
  invalid_cursor: 'invalid_cursor',
  invalid_query: 'invalid_query',
  invalid_argument: 'invalid_argument',
  project_not_found: 'project_not_found',
  database_unreachable: 'database_unreachable',
  unsupported_database_url: 'unsupported_database_url',
  data_dir_not_writable: 'data_dir_not_writable',
  migration_failed: 'migration_failed',
} as const;

export type StoreErrorCode = keyof typeof STORE_ERROR_CODES;

/**
 * A storage failure with a stable `code`.
 *
 * @example
 * try { await store.listTraces({ projectId, limit: 50, cursor }); }
 * catch (err) { if (err instanceof StoreError && err.code === 'invalid_cursor') reply(400); }
 */
export class StoreError extends Error {
  override readonly name = 'StoreError';

  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
