/** One thing someone changed: who (a key prefix, `local` or `cli`), when, what, before and after. */
export interface AuditEntry {
  id: string;
  projectId: string;
  atMs: number;
  actor: string;
  /** e.g. `key.created`, `key.revoked`, `settings.thresholds`, `monitor.updated`, `data.deleted`. */
  action: string;
  /** What was acted on: a key prefix, a monitor id, `user:<id>`. */
  target: string;
  before: unknown;
  after: unknown;
}

export type NewAuditEntry = Omit<AuditEntry, 'id'>;

/** The audit log: append-only, read newest first. */
export interface AuditLog {
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Entries of a project before `beforeMs` (all when absent), newest first, at most `limit`. */
  list(query: { projectId: string; limit: number; beforeMs?: number }): Promise<AuditEntry[]>;
}
