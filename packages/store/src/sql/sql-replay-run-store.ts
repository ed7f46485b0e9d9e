import { sql, type Kysely } from 'kysely';
import type { ReplayRun, ReplayRunKind, ReplayRunStore } from '../ports/replay-run-store.js';

interface ReplayRunRow {
  project_id: string;
  id: string;
  trace_id: string;
  span_id: string;
  kind: string;
  created_at_ms: number | string;
  summary: string;
  result: string;
}

/**
 * Replay runs in the `replay_runs` table (migration 0007): the result as JSON text, the
 * same SQL on SQLite and PostgreSQL.
 *
 * @example await new SqlReplayRunStore(db).listRuns('default', traceId)
 */
export class SqlReplayRunStore implements ReplayRunStore {
  constructor(private readonly db: Kysely<unknown>) {}

  async saveRun(run: ReplayRun): Promise<void> {
    await sql`insert into replay_runs (project_id, id, trace_id, span_id, kind, created_at_ms, summary, result)
      values (${run.projectId}, ${run.id}, ${run.traceId}, ${run.spanId}, ${run.kind}, ${run.createdAtMs}, ${run.summary}, ${JSON.stringify(run.result)})`.execute(
      this.db,
    );
  }

  async listRuns(projectId: string, traceId: string, limit = 100): Promise<ReplayRun[]> {
    const { rows } = await sql<ReplayRunRow>`select * from replay_runs
      where project_id = ${projectId} and trace_id = ${traceId}
      order by created_at_ms desc, id desc limit ${limit}`.execute(this.db);
    return rows.map(toRun);
  }

  async listRunsBetween(
    projectId: string,
    fromMs: number,
    toMs: number,
    limit = 500,
  ): Promise<ReplayRun[]> {
    const { rows } = await sql<ReplayRunRow>`select * from replay_runs
      where project_id = ${projectId} and created_at_ms >= ${fromMs} and created_at_ms < ${toMs}
      order by created_at_ms, id limit ${limit}`.execute(this.db);
    return rows.map(toRun);
  }

  async getRun(projectId: string, id: string): Promise<ReplayRun | undefined> {
    const { rows } = await sql<ReplayRunRow>`select * from replay_runs
      where project_id = ${projectId} and id = ${id}`.execute(this.db);
    return rows[0] ? toRun(rows[0]) : undefined;
  }
}

function toRun(row: ReplayRunRow): ReplayRun {
  return {
    id: row.id,
    projectId: row.project_id,
    traceId: row.trace_id,
    spanId: row.span_id,
    kind: row.kind as ReplayRunKind,
    createdAtMs: Number(row.created_at_ms),
    summary: row.summary,
    result: JSON.parse(row.result) as unknown,
  };
}
