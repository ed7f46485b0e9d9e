import type { ApiKeyScope } from '@glassbox/core/api';

/** Who is calling: the project, what their key may do, and how the audit log names them. */
export interface Caller {
  projectId: string;
  scopes: readonly ApiKeyScope[];
  /** The key's visible prefix, or `local` when the server runs without keys. */
  actor: string;
  keyId?: string;
}

/** Whether scopes allow a use; admin includes read, since changing things needs seeing them. */
export function allows(scopes: readonly ApiKeyScope[], needed: ApiKeyScope): boolean {
  return scopes.includes(needed) || (needed === 'read' && scopes.includes('admin'));
}
