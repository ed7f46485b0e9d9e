import { sql, type Kysely } from 'kysely';
import type { Page, SessionQuery, SessionSummary, TraceExtent } from '../ports/trace-queries.js';
import { checkSessionQuery, encodeSessionCursor } from '../traces/session-query-check.js';
import type { GlassboxDatabase } from './database-schema.js';

/**
 * Sessions of a project with their turn, failure and error counts and cost, newest last-seen
 * first; one grouped query over the traces table (its `traces_by_session` index).
 *
 * @example
 * await listSqlSessions(db, { projectId: 'default', limit: 50 });
 */
export async function listSqlSessions(
  db: Kysely<GlassboxDatabase>,
  query: SessionQuery,
): Promise<Page<SessionSummary>> {
  const after = checkSessionQuery(query);
  const lastSeen = sql<number>`max(t.start_ms)`;
  let q = db
    .selectFrom('traces as t')
    .select([
      't.session_id',
      sql<number>`count(*)`.as('turns'),
      sql<number>`sum(case when t.f_categories <> '' then 1 else 0 end)`.as('failed_turns'),
      sql<number>`sum(case when t.status = 'error' then 1 else 0 end)`.as('error_turns'),
      sql<number>`sum(t.cost_usd)`.as('cost_usd'),
      sql<number>`min(t.start_ms)`.as('first_seen_ms'),
      lastSeen.as('last_seen_ms'),
    ])
    .where('t.project_id', '=', query.projectId)
    .where('t.session_id', 'is not', null)
    .groupBy('t.session_id');
  if (after) {
    q = q.having((eb) =>
      eb.or([
        eb(lastSeen, '<', after.lastSeenMs),
        eb.and([eb(lastSeen, '=', after.lastSeenMs), eb('t.session_id', '<', after.sessionId)]),
      ]),
    );
  }
  const rows = await q
    .orderBy(lastSeen, 'desc')
    .orderBy('t.session_id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const items: SessionSummary[] = rows.slice(0, query.limit).map((row) => ({
    sessionId: row.session_id as string,
    turns: Number(row.turns),
    failedTurns: Number(row.failed_turns),
    errorTurns: Number(row.error_turns),
    costUsd: Number(row.cost_usd),
    firstSeenMs: Number(row.first_seen_ms),
    lastSeenMs: Number(row.last_seen_ms),
  }));
  const last = items[items.length - 1];
  return rows.length > query.limit && last
    ? { items, nextCursor: encodeSessionCursor(last) }
    : { items };
}

/**
 * The start of a project's oldest and newest trace. Two sub-selects, so each database answers
 * its min and its max from one end of the start-time index (a joint min/max scans it).
 */
export async function sqlTraceExtent(
  db: Kysely<GlassboxDatabase>,
  projectId: string,
): Promise<TraceExtent | undefined> {
  const { rows } = await sql<{ first_ms: number | string | null; last_ms: number | string | null }>`
    select (select min(start_ms) from traces where project_id = ${projectId}) as first_ms,
           (select max(start_ms) from traces where project_id = ${projectId}) as last_ms`.execute(
    db,
  );
  const row = rows[0];
  if (!row || row.first_ms === null || row.last_ms === null) return undefined;
  return { firstMs: Number(row.first_ms), lastMs: Number(row.last_ms) };
}
