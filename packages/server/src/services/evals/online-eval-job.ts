import { randomBytes } from 'node:crypto';
import { extractObservation } from '@glassbox/core/detect';
import {
  assertionsForTrace,
  gradeAssertion,
  RUBRIC_DIMENSIONS,
  type EvalServices,
  type ProviderResponse,
  type RubricDimension,
} from '@glassbox/core/evals';
import type { JudgedTrace } from '@glassbox/core/artifacts';
import type { Span } from '@glassbox/core/model';
import type { ProviderConfig } from '@glassbox/core/providers';
import type { OnlineScore, Storage, StoredReviewLabel } from '@glassbox/store';

/** How the online evaluator paces itself. */
export interface OnlineEvalOptions {
  enabled?: boolean;
  /** Between passes (default 5 s). */
  intervalMs?: number;
  /** A trace is evaluated once it started this long ago, so its spans have arrived (10 s). */
  settleMs?: number;
  /** How far back a project with no cursor yet starts (1 h). */
  lookbackMs?: number;
  onError?: (error: Error) => void;
  /** Judge calls for model-graded assertions (see onlineJudgeServices). */
  services?: EvalServices;
  /** The providers file, for the judge when running on a worker thread. */
  providers?: ProviderConfig[];
  /**
   * Each page of traces visited, with the scores just given (none when unsampled): how
   * running canaries are judged (CanaryFeed). Its failures go to onError.
   */
  onJudged?: (projectId: string, traces: JudgedTrace[]) => Promise<unknown>;
  /**
   * Projects to visit on each pass besides those with sampling rules (their traces are
   * handed to `onJudged` unscored): those with a running canary.
   */
  alsoVisit?: () => Promise<string[]>;
}

export const ONLINE_EVAL_DEFAULTS = { intervalMs: 5_000, settleMs: 10_000, lookbackMs: 3_600_000 };
const PAGE = 200;

/** What a trace's answer looks like to an assertion: the last model output, its timing and cost. */
function responseOf(spans: readonly Span[]): {
  response: ProviderResponse;
  input: string;
  context: string[];
} {
  const llm = spans.filter((s) => s.kind === 'llm');
  const last = llm.at(-1);
  const root = spans.find((s) => s.parentSpanId === undefined) ?? spans[0];
  const output = last?.outputMessages.at(-1)?.content ?? root?.output ?? '';
  const start = Math.min(...spans.map((s) => s.startMs));
  const end = Math.max(...spans.map((s) => s.startMs + s.durationMs));
  const response: ProviderResponse = {
    output,
    latencyMs: end - start,
    cost: spans.reduce((n, s) => n + (s.costUsd ?? 0), 0),
  };
  if (last?.finishReason) response.finishReason = last.finishReason;
  const input =
    spans.find((s) => s.retrievalQuery)?.retrievalQuery ??
    last?.inputMessages.filter((m) => m.role === 'user').at(-1)?.content ??
    root?.input ??
    '';
  const context = spans
    .filter((s) => s.kind === 'retriever')
    .flatMap((s) => s.documents.map((d) => d.content ?? ''))
    .filter((c) => c !== '');
  return { response, input, context };
}

/** An evaluator span under the root: detection reads its output as the score `name`. */
function evaluatorSpan(root: Span, score: OnlineScore): Span {
  const {
    requestModel: _requestModel,
    responseModel: _responseModel,
    provider: _provider,
    prompt: _prompt,
    retrievalQuery: _retrievalQuery,
    finishReason: _finishReason,
    costUsd: _costUsd,
    tool: _tool,
    timeToFirstTokenMs: _ttft,
    statusMessage: _statusMessage,
    ...kept
  } = root;
  return {
    ...kept,
    spanId: randomBytes(8).toString('hex'),
    parentSpanId: root.spanId,
    name: score.name,
    kind: 'evaluator',
    startTimeUnixNano: root.startTimeUnixNano,
    endTimeUnixNano: root.startTimeUnixNano,
    durationMs: 0,
    status: 'ok',
    input: score.reason,
    output: String(score.score),
    inputMessages: [],
    outputMessages: [],
    usage: {},
    toolDefinitions: [],
    documents: [],
    tags: [],
    metadata: { 'glassbox.online_eval.rule': score.ruleId },
    attributes: { 'glassbox.online_eval.pass': score.pass },
    events: [],
  } as Span;
}

/**
 * Online evaluation: every pass, for each project with sampling rules, the traces that
 * started since its cursor (and at least `settleMs` ago) are matched against the rules; the
 * sampled ones are graded by the rules' assertions. Scores are stored (GET
 * /api/traces/:id/scores) and written on the trace as evaluator spans, which detection reads
 * as `score:<name>` metrics for monitors. Rubric judgements are also kept as the judge's
 * review labels, for agreement with reviewers. Runs on its own worker thread in the server.
 *
 * @example
 * const job = new OnlineEvalJob(storage, { intervalMs: 5000 });
 * await job.tick();
 */
export class OnlineEvalJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;

  constructor(
    private readonly storage: Pick<Storage, 'evals' | 'traces'>,
    private readonly options: OnlineEvalOptions = {},
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => {});
  }

  /** One pass over every project with rules (and `alsoVisit`'s); answers how many traces were graded. */
  async tick(nowMs = Date.now()): Promise<number> {
    let graded = 0;
    const projects = new Set(await this.storage.evals.online.listProjectsWithRules());
    for (const projectId of (await this.options.alsoVisit?.()) ?? []) projects.add(projectId);
    for (const projectId of projects) graded += await this.evaluateProject(projectId, nowMs);
    return graded;
  }

  private async evaluateProject(projectId: string, nowMs: number): Promise<number> {
    const online = this.storage.evals.online;
    const rules = await online.getSamplingRules(projectId);
    const from =
      (await online.getOnlineCursor(projectId)) ??
      nowMs - (this.options.lookbackMs ?? ONLINE_EVAL_DEFAULTS.lookbackMs);
    const to = nowMs - (this.options.settleMs ?? ONLINE_EVAL_DEFAULTS.settleMs);
    if (to <= from) return 0;
    let graded = 0;
    let cursor: string | undefined;
    do {
      const page = await this.storage.traces.listTraces({
        projectId,
        from,
        to,
        limit: PAGE,
        ...(cursor ? { cursor } : {}),
      });
      const judged: JudgedTrace[] = [];
      for (const summary of page.items) {
        const { traceId } = summary;
        const detail = await this.storage.traces.getTrace(projectId, traceId);
        const spans = detail?.spans.filter((s) => s.kind !== 'evaluator') ?? [];
        if (spans.length === 0) continue;
        const tasks = assertionsForTrace(rules, traceId, extractObservation(spans).segments);
        if (tasks.length === 0) {
          judged.push({ traceId, spans, scores: [] });
          continue;
        }
        if ((await online.listOnlineScores(projectId, traceId)).length > 0) continue;
        judged.push({ traceId, spans, scores: await this.grade(projectId, spans, tasks, nowMs) });
        graded++;
      }
      await this.options.onJudged?.(projectId, judged).catch((error: unknown) => {
        this.options.onError?.(error instanceof Error ? error : new Error(String(error)));
      });
      cursor = page.nextCursor;
    } while (cursor);
    await online.putOnlineCursor(projectId, to);
    return graded;
  }

  private async grade(
    projectId: string,
    spans: readonly Span[],
    tasks: ReturnType<typeof assertionsForTrace>,
    nowMs: number,
  ): Promise<OnlineScore[]> {
    const { response, input, context } = responseOf(spans);
    const vars = { input, query: input, context };
    const scores: OnlineScore[] = [];
    const labels: StoredReviewLabel[] = [];
    const traceId = spans[0]?.traceId as string;
    for (const { ruleId, assertion } of tasks) {
      try {
        const result = await gradeAssertion(assertion, { vars, assert: [] }, response, {
          prompt: input,
          ...(this.options.services ? { services: this.options.services } : {}),
        });
        const name = assertion.metric ?? assertion.type;
        scores.push({
          projectId,
          traceId,
          name,
          score: result.score,
          pass: result.pass,
          reason: result.reason,
          ruleId,
          atMs: nowMs,
        });
        const dimension = /^glassbox:rubric:(.+)$/.exec(assertion.type)?.[1];
        if (dimension && dimension in RUBRIC_DIMENSIONS)
          labels.push({
            projectId,
            traceId,
            dimension: dimension as RubricDimension,
            rater: 'judge',
            verdict: result.pass ? 'pass' : 'fail',
            atMs: nowMs,
          });
      } catch (error) {
        this.options.onError?.(
          new Error(
            `online eval rule ${ruleId} (${assertion.type}) on trace ${traceId}: ${(error as Error).message}`,
          ),
        );
      }
    }
    if (scores.length === 0) return scores;
    await this.storage.evals.online.putOnlineScores(scores);
    if (labels.length > 0) await this.storage.evals.reviews.putReviewLabels(labels);
    const root = spans.find((s) => s.parentSpanId === undefined) ?? (spans[0] as Span);
    await this.storage.traces.writeSpans(scores.map((s) => evaluatorSpan(root, s)));
    return scores;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch((error: unknown) =>
          this.options.onError?.(error instanceof Error ? error : new Error(String(error))),
        )
        .finally(() => this.schedule());
    }, this.options.intervalMs ?? ONLINE_EVAL_DEFAULTS.intervalMs);
  }
}
