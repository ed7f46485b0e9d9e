import { randomUUID } from 'node:crypto';
import type { AuditEntry, AuditLog, NewAuditEntry } from '../ports/audit-log.js';
import { copy } from './memory-rows.js';

/** The audit log in memory; a supported test double. */
export class MemoryAuditLog implements AuditLog {
  private readonly entries: AuditEntry[] = [];

  async append(entry: NewAuditEntry): Promise<AuditEntry> {
    const stored = copy({
      id: randomUUID(),
      ...entry,
      before: entry.before ?? null,
      after: entry.after ?? null,
    });
    this.entries.push(stored);
    return copy(stored);
  }

  async list(query: {
    projectId: string;
    limit: number;
    beforeMs?: number;
  }): Promise<AuditEntry[]> {
    return this.entries
      .filter((e) => e.projectId === query.projectId)
      .filter((e) => query.beforeMs === undefined || e.atMs < query.beforeMs)
      .sort((a, b) => b.atMs - a.atMs || (a.id < b.id ? 1 : -1))
      .slice(0, query.limit)
      .map(copy);
  }
}
