import type { ScenarioProgress } from '../scenarios/run-scenario.js';
import type { Scenario, ScenarioContext } from '../scenarios/scenario.js';
import type { IngestOptions } from '../apps/rag-bot.js';
import type { CorpusDocument } from '../apps/load-corpus.js';
import type { RequestRecord, SimulatorStats } from '../server/simulator-stats.js';

/** What the simulator and the apps injected while serving one scenario request. */
export interface RequestObservation {
  phase: 'healthy' | 'incident';
  /** Ground-truth tags of the provider calls this request made (`hallucination`, `late-response`, ...). */
  injected: Set<string>;
  /** Provider and tool calls that timed out on the client side with a late answer injected. */
  lateAnswersClientGaveUp: number;
  /** Side effects the backend performed for each tool during this request. */
  toolExecutions: Record<string, number>;
  /** The app call threw (step limit, gave up after timeouts). */
  failed: boolean;
  /** Documents the bot re-ingested after the onset, as of this request. */
  reingestedAfterOnset: Set<string>;
  /** The text the request sent to the app. */
  text: string;
}

/** Status the simulator records when the client closed the connection before the answer. */
const CLIENT_CLOSED = 499;

/**
 * Wraps a scenario so every request's injected faults can be read back: the returned
 * `onProgress` must be passed to `runScenario`, which reports once per request, in order.
 *
 * @example
 * const observer = observeRequests(findScenario('stale-index'));
 * await runScenario(observer.scenario, { endpoint, onProgress: observer.onProgress });
 * observer.finish().incident[0].injected; // Set { 'hallucination' }
 */
export function observeRequests(scenario: Scenario): {
  scenario: Scenario;
  onProgress: (progress: ScenarioProgress) => void;
  /** Call after `runScenario` returns: attributes late-finishing provider calls, then lists. */
  finish: () => Record<'healthy' | 'incident', RequestObservation[]>;
} {
  let ctx: ScenarioContext | undefined;
  let seenTools: Record<string, number> = {};
  let errors = 0;
  let onsetDone = false;
  const reingested = new Set<string>();
  const records = new Map<string, RequestRecord>();
  const pending: (Omit<RequestObservation, 'injected' | 'lateAnswersClientGaveUp'> & {
    fromMs: number;
    toMs: number;
  })[] = [];
  let lastBoundary = Date.now();
  let text = '';
  const wrapped: Scenario = {
    ...scenario,
    setup: async (c) => {
      ctx = c;
      const ingest = c.apps.bot.ingest.bind(c.apps.bot);
      c.apps.bot.ingest = (docs: readonly CorpusDocument[], options: IngestOptions) => {
        if (onsetDone) for (const d of docs) reingested.add(d.id);
        return ingest(docs, options);
      };
      const { agent, handoff, router, bot } = c.apps;
      agent.handle = remember(agent.handle.bind(agent));
      handoff.handle = remember(handoff.handle.bind(handoff));
      router.handle = remember(router.handle.bind(router));
      bot.answer = remember(bot.answer.bind(bot));
      await scenario.setup?.(c);
    },
    onset: async (c) => {
      onsetDone = true;
      return scenario.onset(c);
    },
  };
  function remember<A extends unknown[], R>(
    fn: (message: string, ...rest: A) => R,
  ): (message: string, ...rest: A) => R {
    return (message, ...rest) => {
      text = message;
      return fn(message, ...rest);
    };
  }
  const collect = (): SimulatorStats | undefined => {
    if (!ctx) return undefined;
    const stats = ctx.sim.stats();
    for (const r of stats.recent) records.set(r.requestId, r);
    return stats;
  };
  const onProgress = (progress: ScenarioProgress): void => {
    const stats = collect();
    if (!stats) return;
    const now = Date.now();
    if (progress.phase === 'healthy' || progress.phase === 'incident') {
      const toolExecutions: Record<string, number> = {};
      for (const [tool, n] of Object.entries(stats.processed.byTool)) {
        const delta = n - (seenTools[tool] ?? 0);
        if (delta > 0) toolExecutions[tool] = delta;
      }
      pending.push({
        phase: progress.phase,
        toolExecutions,
        failed: progress.errors > errors,
        reingestedAfterOnset: new Set(reingested),
        text,
        fromMs: lastBoundary,
        toMs: now,
      });
    }
    seenTools = { ...stats.processed.byTool };
    errors = progress.errors;
    lastBoundary = now;
  };
  const finish = (): Record<'healthy' | 'incident', RequestObservation[]> => {
    collect();
    const out: Record<'healthy' | 'incident', RequestObservation[]> = { healthy: [], incident: [] };
    const all = [...records.values()].map((r) => ({ r, at: Date.parse(r.startedAt) }));
    for (const { fromMs, toMs, ...rest } of pending) {
      const mine = all.filter(({ at }) => at > fromMs && at <= toMs).map(({ r }) => r);
      out[rest.phase].push({
        ...rest,
        injected: new Set(mine.flatMap((r) => r.groundTruth)),
        lateAnswersClientGaveUp: mine.filter(
          (r) => r.status === CLIENT_CLOSED && r.groundTruth.includes('late-response'),
        ).length,
      });
    }
    return out;
  };
  return { scenario: wrapped, onProgress, finish };
}
