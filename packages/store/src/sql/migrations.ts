import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import { DEFAULT_PROJECT } from '../projects/default-project.js';
import { StoreError } from '../store-error.js';
import { detectionMigration } from './migrations/detection-migration.js';
import { findingsMigration } from './migrations/findings-migration.js';
import { pendingEventsMigration } from './migrations/pending-events-migration.js';
import { searchIndexMigration } from './migrations/search-index-migration.js';
import { guardStateMigration } from './migrations/guard-state-migration.js';
import { artifactsMigration } from './migrations/artifacts-migration.js';
import { artifactGuardsMigration } from './migrations/artifact-guards-migration.js';
import { replayRunsMigration } from './migrations/replay-runs-migration.js';
import { replayRunsByTimeMigration } from './migrations/replay-runs-by-time-migration.js';
import { scopedSearchMigration } from './migrations/scoped-search-migration.js';
import { sessionToolTracesMigration } from './migrations/session-tool-traces-migration.js';
import { evalsMigration } from './migrations/evals-migration.js';
import { evalRunTracesMigration } from './migrations/eval-run-traces-migration.js';
import { incidentWorkspaceMigration } from './migrations/incident-workspace-migration.js';
import { keyLifecycleMigration } from './migrations/key-lifecycle-migration.js';
import { retentionMigration } from './migrations/retention-migration.js';
import { contentlessSearchIndexMigration } from './migrations/contentless-search-index-migration.js';
import { partitionedSpansMigration } from './migrations/partitioned-spans-migration.js';
import { backgroundSearchIndexMigration } from './migrations/background-search-index-migration.js';

const JSON_DEFAULTS = { array: sql`'[]'`, object: sql`'{}'` };

const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('projects')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('created_at_ms', 'double precision', (c) => c.notNull())
      .execute();
    await db
      .insertInto('projects' as never)
      .values({ ...DEFAULT_PROJECT, created_at_ms: Date.now() } as never)
      .execute();

    await db.schema
      .createTable('api_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
      .addColumn('key_hash', 'text', (c) => c.notNull().unique())
      .addColumn('prefix', 'text', (c) => c.notNull())
      .addColumn('created_at_ms', 'double precision', (c) => c.notNull())
      .execute();

    const text = ['project_id', 'trace_id', 'span_id', 'name', 'kind', 'start_ns', 'end_ns'];
    let spans = db.schema.createTable('spans');
    for (const column of text) spans = spans.addColumn(column, 'text', (c) => c.notNull());
    spans = spans
      .addColumn('parent_span_id', 'text')
      .addColumn('start_ms', 'double precision', (c) => c.notNull())
      .addColumn('duration_ms', 'double precision', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull());
    for (const column of ['status_message', 'service_name', 'request_model', 'response_model']) {
      spans = spans.addColumn(column, 'text');
    }
    for (const column of ['provider', 'input', 'output', 'finish_reason', 'tool']) {
      spans = spans.addColumn(column, 'text');
    }
    for (const column of ['retrieval_query', 'session_id', 'user_id', 'prompt', 'agent_name']) {
      spans = spans.addColumn(column, 'text');
    }
    for (const column of ['input_tokens', 'output_tokens', 'cached_tokens', 'total_tokens']) {
      spans = spans.addColumn(column, 'double precision');
    }
    spans = spans
      .addColumn('cost_usd', 'double precision')
      .addColumn('ttft_ms', 'double precision');
    for (const column of [
      'parameters',
      'metadata',
      'versions',
      'resource',
      'scope',
      'attributes',
    ]) {
      spans = spans.addColumn(column, 'text', (c) => c.notNull().defaultTo(JSON_DEFAULTS.object));
    }
    for (const column of ['input_messages', 'output_messages', 'tool_definitions', 'documents']) {
      spans = spans.addColumn(column, 'text', (c) => c.notNull().defaultTo(JSON_DEFAULTS.array));
    }
    spans = spans
      .addColumn('tags', 'text', (c) => c.notNull().defaultTo(JSON_DEFAULTS.array))
      .addColumn('events', 'text', (c) => c.notNull().defaultTo(JSON_DEFAULTS.array));
    await spans
      .addPrimaryKeyConstraint('spans_pk', ['project_id', 'trace_id', 'span_id'] as never[])
      .execute();

    let traces = db.schema
      .createTable('traces')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('trace_id', 'text', (c) => c.notNull())
      .addColumn('root_span_id', 'text')
      .addColumn('root_name', 'text')
      .addColumn('start_ms', 'double precision', (c) => c.notNull())
      .addColumn('end_ms', 'double precision', (c) => c.notNull())
      .addColumn('duration_ms', 'double precision', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('session_id', 'text')
      .addColumn('user_id', 'text');
    for (const column of ['tags', 'models', 'versions']) {
      traces = traces.addColumn(column, 'text', (c) => c.notNull());
    }
    for (const column of ['input_tokens', 'output_tokens', 'cached_tokens', 'total_tokens']) {
      traces = traces.addColumn(column, 'double precision', (c) => c.notNull());
    }
    traces = traces
      .addColumn('cost_usd', 'double precision', (c) => c.notNull())
      .addColumn('span_count', 'integer', (c) => c.notNull())
      .addColumn('error_count', 'integer', (c) => c.notNull());
    for (const column of ['f_models', 'f_providers', 'f_kinds', 'f_tags', 'f_versions']) {
      traces = traces.addColumn(column, 'text', (c) => c.notNull());
    }
    await traces.addPrimaryKeyConstraint('traces_pk', ['project_id', 'trace_id']).execute();

    await db.schema
      .createTable('trace_texts')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('trace_id', 'text', (c) => c.notNull())
      .addColumn('input', 'text')
      .addColumn('output', 'text')
      .addPrimaryKeyConstraint('trace_texts_pk', ['project_id', 'trace_id'])
      .execute();

    await db.schema
      .createTable('trace_search')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('trace_id', 'text', (c) => c.notNull())
      .addColumn('search_text', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('trace_search_pk', ['project_id', 'trace_id'])
      .execute();

    const indexes: [string, string[]][] = [
      ['traces_by_start', ['project_id', 'start_ms', 'trace_id']],
      ['traces_by_session', ['project_id', 'session_id', 'start_ms', 'trace_id']],
      ['traces_by_user', ['project_id', 'user_id', 'start_ms', 'trace_id']],
      ['traces_by_root_name', ['project_id', 'root_name', 'start_ms', 'trace_id']],
    ];
    for (const [name, columns] of indexes) {
      await db.schema.createIndex(name).on('traces').columns(columns).execute();
    }
  },
};

/** Every migration, in order; defined in code so a bundled build needs no files on disk. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_findings': findingsMigration,
  '0003_detection': detectionMigration,
  '0004_search_index': searchIndexMigration,
  '0005_pending_span_events': pendingEventsMigration,
  '0006_guard_state': guardStateMigration,
  '0007_replay_runs': replayRunsMigration,
  '0009_artifacts': artifactsMigration,
  '0010_scoped_search_text': scopedSearchMigration,
  '0011_key_lifecycle_and_audit': keyLifecycleMigration,
  '0012_retention': retentionMigration,
  '0013_incident_workspace': incidentWorkspaceMigration,
  '0014_evals': evalsMigration,
  '0016_session_tool_traces': sessionToolTracesMigration,
  '0017_artifact_guards': artifactGuardsMigration,
  '0018_replay_runs_by_time': replayRunsByTimeMigration,
  '0021_eval_run_traces': evalRunTracesMigration,
  '0022_background_search_index': backgroundSearchIndexMigration,
  '0024_contentless_search_index': contentlessSearchIndexMigration,
  '0026_partitioned_spans': partitionedSpansMigration,
};

/**
 * Brings the schema up to date; a failure is a StoreError `migration_failed`.
 *
 * @example
 * await migrateToLatest(db);
 */
export async function migrateToLatest(db: Kysely<unknown>, schema?: string): Promise<void> {
  if (await upToDate(db, schema)) return;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    // Numbers are handed out ahead of merging, so a database may hold a later one already.
    allowUnorderedMigrations: true,
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  let { error, results } = await migrator.migrateToLatest();
  // The migrator first reads the catalog of every table in the database; a table dropped
  // meanwhile (PostgreSQL drops expired day partitions) fails that read. Once more, then.
  for (let retry = 0; retry < 3 && error && catalogRace(error); retry++) {
    ({ error, results } = await migrator.migrateToLatest());
  }
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason = error instanceof Error ? error.message : String(error);
    throw new StoreError('migration_failed', `migration ${failed} failed: ${reason}`, {
      cause: error,
    });
  }
}

/** True when every migration is applied already: a database opened again needs no migrator. */
async function upToDate(db: Kysely<unknown>, schema?: string): Promise<boolean> {
  const table = sql.table(schema === undefined ? 'kysely_migration' : `${schema}.kysely_migration`);
  try {
    const { rows } = await sql<{ name: string }>`select name from ${table}`.execute(db);
    const applied = new Set(rows.map((r) => r.name));
    return Object.keys(MIGRATIONS).every((name) => applied.has(name));
  } catch {
    // No migration table yet: a new database.
    return false;
  }
}

/** A relation or schema that vanished while PostgreSQL's catalog was read. */
function catalogRace(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '42P01' || code === '3F000';
}
