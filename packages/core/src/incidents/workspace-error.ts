/** Why a workspace change was refused; the server answers each with 400 and the message. */
export const WORKSPACE_ERROR_CODES = [
  'invalid_transition',
  'unknown_runbook_item',
  'empty_text',
  'text_too_long',
  'unknown_version',
] as const;
export type WorkspaceErrorCode = (typeof WORKSPACE_ERROR_CODES)[number];

/** A refused workspace change, with a message that names the problem and what is allowed. */
export class WorkspaceError extends Error {
  constructor(
    readonly code: WorkspaceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WorkspaceError';
  }
}
