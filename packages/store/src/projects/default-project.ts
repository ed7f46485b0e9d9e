import { StoreError } from '../store-error.js';

/** The project every store has from its first open; used when no API key selects another. */
export const DEFAULT_PROJECT = { id: 'default', name: 'default' } as const;

/** The longest project name accepted. */
export const MAX_PROJECT_NAME = 200;

/** Rejects empty or over-long project names with a StoreError `invalid_argument`. */
export function checkProjectName(name: string): void {
  if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_PROJECT_NAME) {
    throw new StoreError(
      'invalid_argument',
      `project name must be 1 to ${MAX_PROJECT_NAME} characters, got "${String(name).slice(0, 40)}"`,
    );
  }
}
