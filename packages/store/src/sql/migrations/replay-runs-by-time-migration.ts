import type { Kysely, Migration } from 'kysely';

/** Replay runs by project and creation time, for an incident's window (0018). */
export const replayRunsByTimeMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('replay_runs_by_time')
      .on('replay_runs')
      .columns(['project_id', 'created_at_ms', 'id'])
      .execute();
  },
};
