import { randomUUID } from 'node:crypto';
import { resolveThresholds } from '@glassbox/core/classify';
import { defaultMonitors, type Alert } from '@glassbox/core/detect';
import { failureClassifier, type TraceClassifier } from '@glassbox/core/ingest';
import type { Storage } from '@glassbox/store';
import { AlertNotifier } from '../notify/alert-notifier.js';
import { DETECTION_DEFAULTS, DETECTION_LEASE, type DetectionOptions } from './detection-options.js';
import { evaluateProject, type ProjectEvaluation } from './evaluate-project.js';
import { loadMonitorsFile } from './load-monitors-file.js';
import { readObservations } from './read-observations.js';

export interface TickReport {
  leader: boolean;
  observations: number;
  projects: ProjectEvaluation[];
}

/** Traces indexed for search per transaction: about 50 ms of SQLite's write lock for 4.6 KB each. */
const SEARCH_INDEX_BATCH = 100;
/** Traces indexed for search per tick at most. */
const SEARCH_INDEX_ROWS_PER_TICK = 20_000;

/**
 * The detection background job: every `intervalMs` the replica holding the database lease
 * reads the traces ingest changed into observations, then runs every project's monitors
 * on event time, raising, merging and resolving alerts, filing incidents and notifying.
 * Projects get the default monitors the first time they are seen with none.
 *
 * @example
 * const job = new DetectionJob(storage, { intervalMs: 5000, monitorsFile: 'monitors.yaml' });
 * await job.start();
 * await job.stop();
 */
export class DetectionJob {
  readonly holderId: string;
  readonly notifier: AlertNotifier;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;
  private fileSynced = false;
  private readonly seeded = new Set<string>();
  private readonly intervalMs: number;
  private readonly leaseTtlMs: number;

  constructor(
    private readonly storage: Storage,
    private readonly options: DetectionOptions = {},
  ) {
    this.holderId = options.holderId ?? randomUUID();
    this.intervalMs = options.intervalMs ?? DETECTION_DEFAULTS.intervalMs;
    this.leaseTtlMs =
      options.leaseTtlMs ?? Math.max(DETECTION_DEFAULTS.minLeaseTtlMs, 3 * this.intervalMs);
    this.notifier = new AlertNotifier({
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      onFailure: (d) =>
        this.report(
          new Error(
            `notification to ${d.target.url} failed after ${d.result.attempts} attempts: ${d.result.error ?? ''}`,
          ),
        ),
    });
  }

  /** Loads the monitors file (failing fast on a bad one), then ticks on a timer. */
  async start(): Promise<void> {
    await this.syncFileMonitors();
    this.stopped = false;
    this.schedule(this.intervalMs);
  }

  /** Stops ticking, waits for a tick in progress and notifications, gives up the lease. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => {});
    await this.notifier.flush();
    await this.storage.detection.releaseLease(DETECTION_LEASE, this.holderId).catch(() => {});
  }

  /** One detection pass; only the lease holder evaluates. */
  async tick(nowMs = Date.now()): Promise<TickReport> {
    const store = this.storage.detection;
    if (!(await store.acquireLease(DETECTION_LEASE, this.holderId, this.leaseTtlMs, nowMs))) {
      return { leader: false, observations: 0, projects: [] };
    }
    await this.syncFileMonitors();
    await this.indexSearchText();
    const settleMs = this.options.settleMs ?? DETECTION_DEFAULTS.settleMs;
    const maxDeferralMs = this.options.maxDeferralMs ?? DETECTION_DEFAULTS.maxDeferralMs;
    const changed = await readObservations(this.storage, {
      limit: this.options.batchSize ?? DETECTION_DEFAULTS.batchSize,
      quietBeforeMs: nowMs - settleMs,
      queuedBeforeMs: nowMs - Math.max(0, maxDeferralMs - this.intervalMs),
      ...(this.options.classifyFailures === false
        ? {}
        : { classifierOf: (projectId: string) => this.classifierOf(projectId) }),
    });
    const report: TickReport = {
      leader: true,
      observations: [...changed.values()].reduce((n, l) => n + l.length, 0),
      projects: [],
    };
    for (const project of await this.storage.projects.listProjects()) {
      await this.seedDefaults(project.id);
      report.projects.push(
        await evaluateProject(store, project.id, changed.get(project.id) ?? [], {
          graceMs: this.options.graceMs ?? DETECTION_DEFAULTS.graceMs,
          notifier: this.notifier,
          notify: this.options.notify ?? [],
          holds: { artifacts: this.storage.artifacts, promptNameOf: this.promptNameOf },
        }),
      );
    }
    return report;
  }

  /** The prompt named on the spans of a prompt-version change's example traces. */
  private readonly promptNameOf = async (change: Alert): Promise<string | undefined> => {
    for (const traceId of change.evidence.exampleTraceIds) {
      const trace = await this.storage.traces.getTrace(change.projectId, traceId);
      const name = trace?.spans.find((s) => s.prompt?.name)?.prompt?.name;
      if (name !== undefined) return name;
    }
    return undefined;
  };
  /**
   * Puts what ingest wrote since the last tick into the search index (SQLite fills it in the
   * background; search reads what still waits), a batch per short transaction so ingest's
   * commits interleave, and at most SEARCH_INDEX_ROWS_PER_TICK so detection runs under a
   * backlog too.
   */
  private async indexSearchText(): Promise<void> {
    for (let done = 0; done < SEARCH_INDEX_ROWS_PER_TICK; done += SEARCH_INDEX_BATCH) {
      const indexed = await this.storage.traces.indexQueuedSearchText(SEARCH_INDEX_BATCH);
      if (indexed < SEARCH_INDEX_BATCH) return;
    }
  }

  /** The project's failure classifier; the defaults when its stored thresholds are refused. */
  private async classifierOf(projectId: string): Promise<TraceClassifier> {
    try {
      const thresholds = resolveThresholds(await this.storage.projects.getThresholds(projectId));
      return failureClassifier(new Map([[projectId, thresholds]]));
    } catch (error) {
      this.report(error);
      return failureClassifier();
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch((error: unknown) => this.report(error))
        .finally(() => this.schedule(this.intervalMs));
    }, delayMs);
    this.timer.unref();
  }

  private report(error: unknown): void {
    if (this.options.onError) this.options.onError(error);
    else console.error('glassbox detection:', error);
  }

  private async seedDefaults(projectId: string): Promise<void> {
    if (this.seeded.has(projectId)) return;
    const existing = await this.storage.detection.listMonitors(projectId);
    if (existing.length === 0) {
      for (const definition of defaultMonitors()) {
        await this.storage.detection.putMonitor({
          projectId,
          definition,
          origin: 'default',
          updatedAtMs: Date.now(),
        });
      }
    }
    this.seeded.add(projectId);
  }

  private async syncFileMonitors(): Promise<void> {
    if (this.fileSynced || !this.options.monitorsFile) return;
    const monitors = await loadMonitorsFile(this.options.monitorsFile);
    for (const { project, definition } of monitors) {
      const { id: projectId } = await this.storage.projects.ensureProject(project);
      const stored = await this.storage.detection.getMonitor(projectId, definition.id);
      if (
        stored &&
        JSON.stringify(stored.definition) === JSON.stringify(definition) &&
        stored.origin === 'file'
      )
        continue;
      await this.storage.detection.putMonitor({
        projectId,
        definition,
        origin: 'file',
        updatedAtMs: Date.now(),
      });
    }
    this.fileSynced = true;
  }
}
