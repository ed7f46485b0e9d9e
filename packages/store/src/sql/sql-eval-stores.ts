import {
  JUDGE_RATER,
  type DatasetItem,
  type ExperimentRun,
  type ExperimentRunHeader,
  type ReviewVerdict,
  type RubricDimension,
  type SamplingRule,
} from '@glassbox/core/evals';
import { sql, type Kysely } from 'kysely';
import { StoreError } from '../store-error.js';
import type {
  DatasetStore,
  DatasetVersion,
  EvalStores,
  ExperimentRunStore,
  OnlineEvalStore,
  OnlineScore,
  ReviewItem,
  ReviewReason,
  ReviewStore,
  StoredReviewLabel,
  TraceRunOutcome,
} from '../ports/eval-stores.js';
import { sortTraceRunOutcomes } from '../ports/eval-stores.js';
import { chunks } from './chunks.js';

type Num = number | string;
interface VersionRow {
  project_id: string;
  name: string;
  version: Num;
  created_at_ms: Num;
  item_count: Num;
  note: string | null;
}
interface RunRow {
  project_id: string;
  id: string;
  dataset: string;
  dataset_version: Num;
  target: string;
  repeats: Num;
  created_at_ms: Num;
  pass_rate: Num;
  outcome_count: Num;
  note: string | null;
  outcomes?: string;
}

const toVersion = (r: VersionRow): DatasetVersion => ({
  projectId: r.project_id,
  name: r.name,
  version: Number(r.version),
  createdAtMs: Number(r.created_at_ms),
  itemCount: Number(r.item_count),
  ...(r.note !== null ? { note: r.note } : {}),
});

const toRunHeader = (r: RunRow): ExperimentRunHeader => ({
  id: r.id,
  projectId: r.project_id,
  dataset: r.dataset,
  datasetVersion: Number(r.dataset_version),
  target: r.target,
  repeats: Number(r.repeats),
  createdAtMs: Number(r.created_at_ms),
  passRate: Number(r.pass_rate),
  outcomeCount: Number(r.outcome_count),
  ...(r.note !== null ? { note: r.note } : {}),
});

const VERSION_COLUMNS = sql`project_id, name, version, created_at_ms, item_count, note`;
const RUN_COLUMNS = sql`project_id, id, dataset, dataset_version, target, repeats, created_at_ms, pass_rate, outcome_count, note`;

class SqlDatasetStore implements DatasetStore {
  constructor(private readonly db: Kysely<unknown>) {}

  async createDatasetVersion(input: Parameters<DatasetStore['createDatasetVersion']>[0]) {
    // Two writers may race for the same next version: the primary key refuses the second,
    // which then takes the one after.
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.transaction().execute(async (trx) => {
          const { rows } = await sql<{ latest: Num | null }>`select max(version) as latest
            from eval_dataset_versions where project_id = ${input.projectId} and name = ${input.name}`.execute(
            trx,
          );
          const version = Number(rows[0]?.latest ?? 0) + 1;
          await sql`insert into eval_dataset_versions (project_id, name, version, created_at_ms, item_count, note, items)
            values (${input.projectId}, ${input.name}, ${version}, ${input.createdAtMs}, ${input.items.length},
              ${input.note ?? null}, ${JSON.stringify(input.items)})`.execute(trx);
          const header: DatasetVersion = {
            projectId: input.projectId,
            name: input.name,
            version,
            createdAtMs: input.createdAtMs,
            itemCount: input.items.length,
            ...(input.note !== undefined ? { note: input.note } : {}),
          };
          return header;
        });
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  }

  async listDatasets(projectId: string) {
    const { rows } = await sql<VersionRow>`select ${VERSION_COLUMNS} from eval_dataset_versions v
      where project_id = ${projectId} and version = (select max(version) from eval_dataset_versions w
        where w.project_id = v.project_id and w.name = v.name)
      order by name`.execute(this.db);
    return rows.map(toVersion);
  }

  async listDatasetVersions(projectId: string, name: string) {
    const { rows } = await sql<VersionRow>`select ${VERSION_COLUMNS} from eval_dataset_versions
      where project_id = ${projectId} and name = ${name} order by version desc`.execute(this.db);
    return rows.map(toVersion);
  }

  async getDatasetItems(projectId: string, name: string, version: number) {
    const { rows } = await sql<{ items: string }>`select items from eval_dataset_versions
      where project_id = ${projectId} and name = ${name} and version = ${version}`.execute(this.db);
    return rows[0] ? (JSON.parse(rows[0].items) as DatasetItem[]) : undefined;
  }
}

class SqlExperimentRunStore implements ExperimentRunStore {
  constructor(private readonly db: Kysely<unknown>) {}

  async saveExperimentRun(run: ExperimentRun): Promise<void> {
    if (await this.getExperimentRun(run.projectId, run.id))
      throw new StoreError('invalid_argument', `run ${run.id} already exists in ${run.projectId}`);
    const traced = run.outcomes.filter((o) => o.traceId !== undefined);
    await this.db.transaction().execute(async (tx) => {
      await sql`insert into eval_runs (${RUN_COLUMNS}, outcomes) values (${run.projectId}, ${run.id},
        ${run.dataset}, ${run.datasetVersion}, ${run.target}, ${run.repeats}, ${run.createdAtMs},
        ${run.passRate}, ${run.outcomeCount}, ${run.note ?? null}, ${JSON.stringify(run.outcomes)})`.execute(
        tx,
      );
      for (const slice of chunks(traced, 100)) {
        const rows = slice.map(
          (o) => sql`(${run.projectId}, ${o.traceId}, ${run.id}, ${o.itemId}, ${o.repeat})`,
        );
        await sql`insert into eval_run_traces (project_id, trace_id, run_id, item_id, repeat)
          values ${sql.join(rows)}`.execute(tx);
      }
    });
  }

  async listTraceRunOutcomes(projectId: string, traceId: string, limit = 100) {
    const { rows } = await sql<RunRow>`select ${RUN_COLUMNS}, outcomes from eval_runs
      where project_id = ${projectId} and id in (select run_id from eval_run_traces
        where project_id = ${projectId} and trace_id = ${traceId})
      order by created_at_ms desc, id desc limit ${limit}`.execute(this.db);
    const found: TraceRunOutcome[] = [];
    for (const row of rows) {
      const run = toRunHeader(row);
      for (const outcome of JSON.parse(row.outcomes ?? '[]') as ExperimentRun['outcomes'])
        if (outcome.traceId === traceId) found.push({ run, outcome });
    }
    return sortTraceRunOutcomes(found).slice(0, limit);
  }

  async listExperimentRuns(
    projectId: string,
    filter: { dataset?: string; datasetVersion?: number; limit?: number } = {},
  ) {
    const dataset = filter.dataset === undefined ? sql`` : sql` and dataset = ${filter.dataset}`;
    const version =
      filter.datasetVersion === undefined
        ? sql``
        : sql` and dataset_version = ${filter.datasetVersion}`;
    const { rows } = await sql<RunRow>`select ${RUN_COLUMNS} from eval_runs
      where project_id = ${projectId}${dataset}${version}
      order by created_at_ms desc, id desc limit ${filter.limit ?? 100}`.execute(this.db);
    return rows.map(toRunHeader);
  }

  async getExperimentRun(projectId: string, id: string) {
    const { rows } = await sql<RunRow>`select ${RUN_COLUMNS}, outcomes from eval_runs
      where project_id = ${projectId} and id = ${id}`.execute(this.db);
    const row = rows[0];
    if (!row) return undefined;
    const run: ExperimentRun = {
      ...toRunHeader(row),
      outcomes: JSON.parse(row.outcomes ?? '[]') as ExperimentRun['outcomes'],
    };
    return run;
  }
}

class SqlOnlineEvalStore implements OnlineEvalStore {
  constructor(private readonly db: Kysely<unknown>) {}

  async getSamplingRules(projectId: string) {
    const { rows } = await sql<{ rules: string }>`select rules from eval_sampling_rules
      where project_id = ${projectId}`.execute(this.db);
    return rows[0] ? (JSON.parse(rows[0].rules) as SamplingRule[]) : [];
  }

  async putSamplingRules(projectId: string, rules: readonly SamplingRule[]) {
    await sql`insert into eval_sampling_rules (project_id, rules) values (${projectId}, ${JSON.stringify(rules)})
      on conflict (project_id) do update set rules = excluded.rules`.execute(this.db);
  }

  async listProjectsWithRules() {
    const { rows } = await sql<{ project_id: string }>`select project_id from eval_sampling_rules
      where rules <> '[]' order by project_id`.execute(this.db);
    return rows.map((r) => r.project_id);
  }

  async putOnlineScores(scores: readonly OnlineScore[]) {
    for (const s of scores) {
      await sql`insert into eval_online_scores (project_id, trace_id, name, score, pass, reason, rule_id, at_ms)
        values (${s.projectId}, ${s.traceId}, ${s.name}, ${s.score}, ${s.pass ? 1 : 0}, ${s.reason}, ${s.ruleId}, ${s.atMs})
        on conflict (project_id, trace_id, name) do update set score = excluded.score, pass = excluded.pass,
          reason = excluded.reason, rule_id = excluded.rule_id, at_ms = excluded.at_ms`.execute(
        this.db,
      );
    }
  }

  async listOnlineScores(projectId: string, traceId: string) {
    const { rows } = await sql<{
      name: string;
      score: Num;
      pass: Num;
      reason: string;
      rule_id: string;
      at_ms: Num;
    }>`select name, score, pass, reason, rule_id, at_ms from eval_online_scores
      where project_id = ${projectId} and trace_id = ${traceId} order by name`.execute(this.db);
    return rows.map((r): OnlineScore => ({
      projectId,
      traceId,
      name: r.name,
      score: Number(r.score),
      pass: Number(r.pass) === 1,
      reason: r.reason,
      ruleId: r.rule_id,
      atMs: Number(r.at_ms),
    }));
  }

  async getOnlineCursor(projectId: string) {
    const { rows } = await sql<{ cursor_ms: Num | null }>`select cursor_ms from eval_sampling_rules
      where project_id = ${projectId}`.execute(this.db);
    const ms = rows[0]?.cursor_ms;
    return ms === null || ms === undefined ? undefined : Number(ms);
  }

  async putOnlineCursor(projectId: string, ms: number) {
    await sql`insert into eval_sampling_rules (project_id, rules, cursor_ms) values (${projectId}, '[]', ${ms})
      on conflict (project_id) do update set cursor_ms = excluded.cursor_ms`.execute(this.db);
  }
}

class SqlReviewStore implements ReviewStore {
  constructor(private readonly db: Kysely<unknown>) {}

  async enqueueReviews(items: readonly Omit<ReviewItem, 'reviewedBy'>[]) {
    let added = 0;
    for (const i of items) {
      const result =
        await sql`insert into eval_review_items (project_id, trace_id, reason, note, created_at_ms)
        values (${i.projectId}, ${i.traceId}, ${i.reason}, ${i.note ?? null}, ${i.createdAtMs})
        on conflict (project_id, trace_id) do nothing`.execute(this.db);
      added += Number(result.numAffectedRows ?? 0);
    }
    return added;
  }

  async listReviewItems(projectId: string, options: { pendingFor?: string; limit?: number } = {}) {
    const { rows } = await sql<{
      trace_id: string;
      reason: string;
      note: string | null;
      created_at_ms: Num;
    }>`select trace_id, reason, note, created_at_ms from eval_review_items
      where project_id = ${projectId} order by created_at_ms, trace_id`.execute(this.db);
    const labels = await sql<{ trace_id: string; rater: string }>`select distinct trace_id, rater
      from eval_review_labels where project_id = ${projectId} and rater <> ${JUDGE_RATER}`.execute(
      this.db,
    );
    const raters = new Map<string, string[]>();
    for (const l of labels.rows)
      raters.set(l.trace_id, [...(raters.get(l.trace_id) ?? []), l.rater]);
    return rows
      .map((r): ReviewItem => ({
        projectId,
        traceId: r.trace_id,
        reason: r.reason as ReviewReason,
        ...(r.note !== null ? { note: r.note } : {}),
        createdAtMs: Number(r.created_at_ms),
        reviewedBy: [...(raters.get(r.trace_id) ?? [])].sort(),
      }))
      .filter((i) => options.pendingFor === undefined || !i.reviewedBy.includes(options.pendingFor))
      .slice(0, options.limit ?? 100);
  }

  async putReviewLabels(labels: readonly StoredReviewLabel[]) {
    for (const l of labels) {
      await sql`insert into eval_review_labels (project_id, trace_id, dimension, rater, verdict, at_ms)
        values (${l.projectId}, ${l.traceId}, ${l.dimension}, ${l.rater}, ${l.verdict}, ${l.atMs})
        on conflict (project_id, trace_id, dimension, rater) do update set verdict = excluded.verdict,
          at_ms = excluded.at_ms`.execute(this.db);
    }
  }

  async listReviewLabels(projectId: string, traceId?: string) {
    const trace = traceId === undefined ? sql`` : sql` and trace_id = ${traceId}`;
    const { rows } = await sql<{
      trace_id: string;
      dimension: string;
      rater: string;
      verdict: string;
      at_ms: Num;
    }>`select trace_id, dimension, rater, verdict, at_ms from eval_review_labels
      where project_id = ${projectId}${trace} order by at_ms, trace_id, dimension, rater`.execute(
      this.db,
    );
    return rows.map((r): StoredReviewLabel => ({
      projectId,
      traceId: r.trace_id,
      dimension: r.dimension as RubricDimension,
      rater: r.rater,
      verdict: r.verdict as ReviewVerdict,
      atMs: Number(r.at_ms),
    }));
  }
}

/**
 * The eval ports over SQL (migration 0014): the same statements on SQLite and PostgreSQL,
 * structured values as JSON text.
 *
 * @example
 * const evals = sqlEvalStores(db);
 * await evals.datasets.listDatasets('default');
 */
export function sqlEvalStores(db: Kysely<unknown>): EvalStores {
  return {
    datasets: new SqlDatasetStore(db),
    runs: new SqlExperimentRunStore(db),
    online: new SqlOnlineEvalStore(db),
    reviews: new SqlReviewStore(db),
  };
}
