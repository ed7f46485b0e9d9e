import { sql, type Kysely, type Migration } from 'kysely';
import { tracesHoldingKind } from '../sql-session-spans.js';

/**
 * A partial index of the traces that hold tool spans, by session and time: the session
 * context a write's classification reads (the session's newest tool calls) is found in
 * O(limit) whatever the session's length, and costs nothing for sessions of plain chat calls.
 * Same text in SQLite and PostgreSQL.
 */
export const sessionToolTracesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`create index traces_by_session_with_tools
        on traces (project_id, session_id, start_ms)
        where ${sql.raw(tracesHoldingKind('tool'))}`.execute(db);
  },
};
