import type { Kysely, Migration } from 'kysely';

/**
 * Datasets (each version immutable, its items as JSON), experiment runs with their outcomes,
 * online-eval sampling rules, scores and cursor, and the human review queue (0014).
 */
export const evalsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('eval_dataset_versions')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at_ms', 'double precision', (c) => c.notNull())
      .addColumn('item_count', 'integer', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('items', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('eval_dataset_versions_pk', ['project_id', 'name', 'version'])
      .execute();
    await db.schema
      .createTable('eval_runs')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('dataset', 'text', (c) => c.notNull())
      .addColumn('dataset_version', 'integer', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('repeats', 'integer', (c) => c.notNull())
      .addColumn('created_at_ms', 'double precision', (c) => c.notNull())
      .addColumn('pass_rate', 'double precision', (c) => c.notNull())
      .addColumn('outcome_count', 'integer', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('outcomes', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('eval_runs_pk', ['project_id', 'id'])
      .execute();
    await db.schema
      .createIndex('eval_runs_by_dataset')
      .on('eval_runs')
      .columns(['project_id', 'dataset', 'dataset_version', 'created_at_ms'])
      .execute();
    await db.schema
      .createTable('eval_sampling_rules')
      .addColumn('project_id', 'text', (c) => c.primaryKey())
      .addColumn('rules', 'text', (c) => c.notNull())
      .addColumn('cursor_ms', 'double precision')
      .execute();
    await db.schema
      .createTable('eval_online_scores')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('trace_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('score', 'double precision', (c) => c.notNull())
      .addColumn('pass', 'integer', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('rule_id', 'text', (c) => c.notNull())
      .addColumn('at_ms', 'double precision', (c) => c.notNull())
      .addPrimaryKeyConstraint('eval_online_scores_pk', ['project_id', 'trace_id', 'name'])
      .execute();
    await db.schema
      .createTable('eval_review_items')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('trace_id', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('created_at_ms', 'double precision', (c) => c.notNull())
      .addPrimaryKeyConstraint('eval_review_items_pk', ['project_id', 'trace_id'])
      .execute();
    await db.schema
      .createTable('eval_review_labels')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('trace_id', 'text', (c) => c.notNull())
      .addColumn('dimension', 'text', (c) => c.notNull())
      .addColumn('rater', 'text', (c) => c.notNull())
      .addColumn('verdict', 'text', (c) => c.notNull())
      .addColumn('at_ms', 'double precision', (c) => c.notNull())
      .addPrimaryKeyConstraint('eval_review_labels_pk', [
        'project_id',
        'trace_id',
        'dimension',
        'rater',
      ])
      .execute();
  },
};
