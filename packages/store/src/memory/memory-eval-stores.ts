import {
  JUDGE_RATER,
  type DatasetItem,
  type ExperimentRun,
  type SamplingRule,
} from '@glassbox/core/evals';
import { StoreError } from '../store-error.js';
import { forgetTraceRows } from './memory-rows.js';
import type {
  DatasetStore,
  DatasetVersion,
  EvalStores,
  ExperimentRunStore,
  OnlineEvalStore,
  OnlineScore,
  ReviewItem,
  ReviewStore,
  StoredReviewLabel,
  TraceRunOutcome,
} from '../ports/eval-stores.js';
import { sortTraceRunOutcomes } from '../ports/eval-stores.js';

const key = (...parts: (string | number)[]): string => parts.join('\u0000');
const clone = <T>(value: T): T => structuredClone(value);

class MemoryDatasetStore implements DatasetStore {
  private readonly versions = new Map<string, { header: DatasetVersion; items: DatasetItem[] }>();

  async createDatasetVersion(input: Parameters<DatasetStore['createDatasetVersion']>[0]) {
    // No await before the write: concurrent callers each see the version the last one took.
    let latest: DatasetVersion | undefined;
    for (const { header } of this.versions.values())
      if (header.projectId === input.projectId && header.name === input.name)
        if (!latest || latest.version < header.version) latest = header;
    const header: DatasetVersion = {
      projectId: input.projectId,
      name: input.name,
      version: (latest?.version ?? 0) + 1,
      createdAtMs: input.createdAtMs,
      itemCount: input.items.length,
      ...(input.note !== undefined ? { note: input.note } : {}),
    };
    this.versions.set(key(input.projectId, input.name, header.version), {
      header,
      items: clone([...input.items]),
    });
    return clone(header);
  }

  async listDatasets(projectId: string): Promise<DatasetVersion[]> {
    const latest = new Map<string, DatasetVersion>();
    for (const { header } of this.versions.values()) {
      if (header.projectId !== projectId) continue;
      const seen = latest.get(header.name);
      if (!seen || seen.version < header.version) latest.set(header.name, header);
    }
    return [...latest.values()].sort((a, b) => (a.name < b.name ? -1 : 1)).map(clone);
  }

  async listDatasetVersions(projectId: string, name: string): Promise<DatasetVersion[]> {
    return [...this.versions.values()]
      .map((v) => v.header)
      .filter((h) => h.projectId === projectId && h.name === name)
      .sort((a, b) => b.version - a.version)
      .map(clone);
  }

  async getDatasetItems(projectId: string, name: string, version: number) {
    const found = this.versions.get(key(projectId, name, version));
    return found ? clone(found.items) : undefined;
  }
}

class MemoryExperimentRunStore implements ExperimentRunStore {
  private readonly runs = new Map<string, ExperimentRun>();

  async saveExperimentRun(run: ExperimentRun): Promise<void> {
    const k = key(run.projectId, run.id);
    if (this.runs.has(k))
      throw new StoreError('invalid_argument', `run ${run.id} already exists in ${run.projectId}`);
    this.runs.set(k, clone(run));
  }

  async listExperimentRuns(
    projectId: string,
    filter: { dataset?: string; datasetVersion?: number; limit?: number } = {},
  ) {
    return [...this.runs.values()]
      .filter(
        (r) =>
          r.projectId === projectId &&
          (filter.dataset === undefined || r.dataset === filter.dataset) &&
          (filter.datasetVersion === undefined || r.datasetVersion === filter.datasetVersion),
      )
      .sort((a, b) => b.createdAtMs - a.createdAtMs || (a.id < b.id ? 1 : -1))
      .slice(0, filter.limit ?? 100)
      .map(({ outcomes: _outcomes, ...header }) => clone(header));
  }

  async getExperimentRun(projectId: string, id: string) {
    const run = this.runs.get(key(projectId, id));
    return run ? clone(run) : undefined;
  }

  async listTraceRunOutcomes(projectId: string, traceId: string, limit = 100) {
    const found: TraceRunOutcome[] = [];
    for (const { outcomes, ...header } of this.runs.values()) {
      if (header.projectId !== projectId) continue;
      for (const outcome of outcomes)
        if (outcome.traceId === traceId) found.push(clone({ run: header, outcome }));
    }
    return sortTraceRunOutcomes(found).slice(0, limit);
  }

  /** Outcomes that started these traces keep their result but lose the trace id. */
  forget(projectId: string, traceIds: ReadonlySet<string>): void {
    for (const run of this.runs.values()) {
      if (run.projectId !== projectId) continue;
      run.outcomes = run.outcomes.map((outcome) => {
        if (outcome.traceId === undefined || !traceIds.has(outcome.traceId)) return outcome;
        const { traceId: _traceId, ...rest } = outcome;
        return rest;
      });
    }
  }
}

class MemoryOnlineEvalStore implements OnlineEvalStore {
  private readonly rules = new Map<string, SamplingRule[]>();
  private readonly scores = new Map<string, OnlineScore>();
  private readonly cursors = new Map<string, number>();

  async getSamplingRules(projectId: string) {
    return clone(this.rules.get(projectId) ?? []);
  }
  async putSamplingRules(projectId: string, rules: readonly SamplingRule[]) {
    this.rules.set(projectId, clone([...rules]));
  }
  async listProjectsWithRules() {
    return [...this.rules]
      .filter(([, r]) => r.length > 0)
      .map(([p]) => p)
      .sort();
  }
  async putOnlineScores(scores: readonly OnlineScore[]) {
    for (const s of scores) this.scores.set(key(s.projectId, s.traceId, s.name), clone(s));
  }
  async listOnlineScores(projectId: string, traceId: string) {
    return [...this.scores.values()]
      .filter((s) => s.projectId === projectId && s.traceId === traceId)
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map(clone);
  }
  /** Drops the scores of deleted traces. */
  forget(projectId: string, traceIds: ReadonlySet<string>): void {
    forgetTraceRows(this.scores, projectId, traceIds);
  }
  async getOnlineCursor(projectId: string) {
    return this.cursors.get(projectId);
  }
  async putOnlineCursor(projectId: string, ms: number) {
    this.cursors.set(projectId, ms);
  }
}

class MemoryReviewStore implements ReviewStore {
  private readonly items = new Map<string, Omit<ReviewItem, 'reviewedBy'>>();
  private readonly labels = new Map<string, StoredReviewLabel>();

  async enqueueReviews(items: readonly Omit<ReviewItem, 'reviewedBy'>[]) {
    let added = 0;
    for (const item of items) {
      const k = key(item.projectId, item.traceId);
      if (this.items.has(k)) continue;
      this.items.set(k, clone(item));
      added++;
    }
    return added;
  }

  async listReviewItems(projectId: string, options: { pendingFor?: string; limit?: number } = {}) {
    const labels = [...this.labels.values()].filter((l) => l.projectId === projectId);
    return [...this.items.values()]
      .filter((i) => i.projectId === projectId)
      .sort((a, b) => a.createdAtMs - b.createdAtMs || (a.traceId < b.traceId ? -1 : 1))
      .map((i): ReviewItem => {
        const raters = labels.filter((l) => l.traceId === i.traceId && l.rater !== JUDGE_RATER);
        return { ...clone(i), reviewedBy: [...new Set(raters.map((l) => l.rater))].sort() };
      })
      .filter((i) => options.pendingFor === undefined || !i.reviewedBy.includes(options.pendingFor))
      .slice(0, options.limit ?? 100);
  }

  /** Drops the review items and labels of deleted traces. */
  forget(projectId: string, traceIds: ReadonlySet<string>): void {
    forgetTraceRows(this.items, projectId, traceIds);
    forgetTraceRows(this.labels, projectId, traceIds);
  }

  async putReviewLabels(labels: readonly StoredReviewLabel[]) {
    for (const l of labels)
      this.labels.set(key(l.projectId, l.traceId, l.dimension, l.rater), clone(l));
  }

  async listReviewLabels(projectId: string, traceId?: string) {
    return [...this.labels.values()]
      .filter((l) => l.projectId === projectId && (traceId === undefined || l.traceId === traceId))
      .sort(
        (a, b) =>
          a.atMs - b.atMs ||
          (key(a.traceId, a.dimension, a.rater) < key(b.traceId, b.dimension, b.rater) ? -1 : 1),
      )
      .map(clone);
  }
}

/** The eval ports in memory, and how a deletion drops the rows of its traces. */
export interface MemoryEvalStores extends EvalStores {
  forget(projectId: string, traceIds: ReadonlySet<string>): void;
}

/** The eval ports in memory; values are copied in and out, as a database would. */
export function createMemoryEvalStores(): MemoryEvalStores {
  const online = new MemoryOnlineEvalStore();
  const reviews = new MemoryReviewStore();
  const runs = new MemoryExperimentRunStore();
  return {
    datasets: new MemoryDatasetStore(),
    runs,
    online,
    reviews,
    forget(projectId, traceIds) {
      online.forget(projectId, traceIds);
      reviews.forget(projectId, traceIds);
      runs.forget(projectId, traceIds);
    },
  };
}
