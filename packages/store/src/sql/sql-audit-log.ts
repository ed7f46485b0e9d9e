import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditEntry, AuditLog, NewAuditEntry } from '../ports/audit-log.js';
import type { AuditLogTable, GlassboxDatabase } from './database-schema.js';

const json = (value: unknown): string | null =>
  value === undefined ? null : JSON.stringify(value);

const toEntry = (row: AuditLogTable): AuditEntry => ({
  id: row.id,
  projectId: row.project_id,
  atMs: Number(row.at_ms),
  actor: row.actor,
  action: row.action,
  target: row.target,
  before: row.before === null ? null : JSON.parse(row.before),
  after: row.after === null ? null : JSON.parse(row.after),
});

/**
 * The audit log in any Kysely SQL database; before and after are kept as JSON text.
 *
 * @example
 * await audit.append({ projectId, atMs: Date.now(), actor: 'gbx_AbCdEfGh', action: 'key.revoked', target: 'gbx_12345678', before: null, after: null });
 */
export class SqlAuditLog implements AuditLog {
  constructor(private readonly db: Kysely<GlassboxDatabase>) {}

  async append(entry: NewAuditEntry): Promise<AuditEntry> {
    const row: AuditLogTable = {
      id: randomUUID(),
      project_id: entry.projectId,
      at_ms: entry.atMs,
      actor: entry.actor,
      action: entry.action,
      target: entry.target,
      before: json(entry.before),
      after: json(entry.after),
    };
    await this.db.insertInto('audit_log').values(row).execute();
    return toEntry(row);
  }

  async list(query: {
    projectId: string;
    limit: number;
    beforeMs?: number;
  }): Promise<AuditEntry[]> {
    let select = this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('project_id', '=', query.projectId);
    if (query.beforeMs !== undefined) select = select.where('at_ms', '<', query.beforeMs);
    const rows = await select
      .orderBy('at_ms', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit)
      .execute();
    return rows.map(toEntry);
  }
}
