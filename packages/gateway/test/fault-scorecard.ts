import type { BehaviorPatch, RunningSimulator } from '@glassbox/simulator';
import { startSimulator } from '@glassbox/simulator';
import { startGateway, validateGatewayConfig } from '../src/index.js';
import type { RunningGateway } from '../src/index.js';
import type { ClientView } from './support/raw-client.js';
import { chat } from './support/raw-client.js';
import type { CollectedSpan } from './support/otlp-collector.js';
import { startOtlpCollector } from './support/otlp-collector.js';

/** failoverbench's verdicts: a full answer, a degraded one, a clear error, or a wrong or hung one. */
export type Verdict = 'pass' | 'partial' | 'safe' | 'fail';

export interface FaultScenario {
  name: string;
  /** What the primary does (the fallback is healthy unless `fallback` says otherwise). */
  primary: BehaviorPatch;
  fallback?: BehaviorPatch;
  stream: boolean;
  /** Sequential requests (flapping needs several). */
  requests?: number;
  /** What counts as the right outcome: the healthy answer, or the upstream's error passed through untouched. */
  expect: 'answer' | 'context_length_error' | 'content_filter' | 'accounting';
  /** The simulator's ground-truth tag proving the fault hit the primary (null: seen otherwise). */
  injected: string | null;
  /** Honouring the fault takes at least this long (Retry-After of 1 s). */
  minMs?: number;
}

export interface ScenarioResult {
  name: string;
  verdict: Verdict;
  evidence: string;
}

const MODEL = 'gpt-4o-mini';
const PROMPT = 'How do I get a refund for a repair that did not fix the problem?';
/** An answer slower than this is only a partial pass (failoverbench's hang is 130 s). */
const TIME_BOUND_MS = 8_000;

/** The 16 faults of the failoverbench catalogue, as simulator behaviours. */
export const FAULT_SCENARIOS: FaultScenario[] = [
  {
    name: '429 with Retry-After',
    injected: 'fail-first-429',
    minMs: 1000,
    primary: { failFirst: { count: 1, status: 429 } },
    stream: false,
    expect: 'answer',
  },
  {
    name: 'persistent 429',
    injected: 'rate-limit',
    minMs: 1000,
    primary: { rateLimit: { rate: 1, retryAfterSeconds: 1 } },
    stream: false,
    expect: 'answer',
  },
  {
    name: 'single 500',
    injected: 'fail-first-500',
    primary: { failFirst: { count: 1, status: 500 } },
    stream: false,
    expect: 'answer',
  },
  {
    name: 'persistent 503',
    injected: 'server-error-503',
    primary: { serverErrors: { rate: 1, statuses: [503], durationMs: null, retryAfterSeconds: 0 } },
    stream: false,
    expect: 'answer',
  },
  {
    name: 'TCP reset',
    injected: 'connection-reset',
    primary: { resetRate: 1 },
    stream: false,
    expect: 'answer',
  },
  {
    name: 'no response',
    injected: 'hang',
    primary: { hangRate: 1 },
    stream: false,
    expect: 'answer',
  },
  {
    name: 'slow first token',
    injected: null,
    primary: { timeToFirstToken: { medianMs: 5_000, p95Ms: 5_000 } },
    stream: true,
    expect: 'answer',
  },
  {
    name: 'stream cut mid-answer',
    injected: 'stream-cut',
    primary: { streamFault: { kind: 'cut', afterChunks: 6, rate: 1 } },
    stream: true,
    expect: 'answer',
  },
  {
    name: 'stream stall',
    injected: 'stream-stall',
    primary: { streamFault: { kind: 'stall', afterChunks: 6, rate: 1 } },
    stream: true,
    expect: 'answer',
  },
  {
    name: 'malformed chunk',
    injected: 'stream-malformed',
    primary: { streamFault: { kind: 'malformed', afterChunks: 6, rate: 1 } },
    stream: true,
    expect: 'answer',
  },
  {
    name: 'no [DONE]',
    injected: 'stream-no_done',
    primary: { streamFault: { kind: 'no_done', afterChunks: 0, rate: 1 } },
    stream: true,
    expect: 'answer',
  },
  {
    name: 'context-length error',
    injected: null,
    primary: { contextWindow: 20 },
    stream: false,
    expect: 'context_length_error',
  },
  {
    name: 'content filter',
    injected: 'content-filter',
    primary: { contentFilterRate: 1 },
    stream: false,
    expect: 'content_filter',
  },
  {
    name: 'fallback rejects prefill',
    injected: 'stream-cut',
    primary: { streamFault: { kind: 'cut', afterChunks: 6, rate: 1 } },
    fallback: { prefill: 'reject' },
    stream: true,
    expect: 'answer',
  },
  {
    name: 'flapping primary',
    injected: 'flapping-503',
    primary: { flapping: { periodMs: 600, status: 503 } },
    stream: false,
    requests: 12,
    expect: 'answer',
  },
  {
    name: 'failover cost accounting',
    injected: 'stream-cut',
    primary: { streamFault: { kind: 'cut', afterChunks: 8, rate: 1 } },
    stream: true,
    expect: 'accounting',
  },
];

interface Bench {
  primary: RunningSimulator;
  fallback: RunningSimulator;
  gateway: RunningGateway;
  collector: Awaited<ReturnType<typeof startOtlpCollector>>;
  reference: string;
  close(): Promise<void>;
}

/** Two seeded simulators (same model, same answers), a gateway routing primary -> fallback, a span collector. */
export async function startBench(scenario: FaultScenario): Promise<Bench> {
  const primary = await startSimulator({ seed: 11 });
  const fallback = await startSimulator({ seed: 11 });
  const collector = await startOtlpCollector();
  const config = validateGatewayConfig(
    {
      providers: [
        {
          name: 'primary',
          baseUrl: primary.baseURL,
          timeouts: { requestMs: 1_000, firstTokenMs: 600, idleMs: 400 },
        },
        {
          name: 'fallback',
          baseUrl: fallback.baseURL,
          timeouts: { requestMs: 1_000, firstTokenMs: 600, idleMs: 400 },
        },
      ],
      routes: {
        [MODEL]: [
          { provider: 'primary', model: MODEL, maxAttempts: 2 },
          { provider: 'fallback', model: MODEL, maxAttempts: 2 },
        ],
      },
      budgets: [{ scope: 'project', period: 'total', maxUsd: 100 }],
      guards: {
        maxRetryAfterMs: 3_000,
        backoff: { initialDelayMs: 20, maxDelayMs: 200 },
        breaker: { openMs: 2_000 },
      },
      glassboxUrl: collector.url,
    },
    [],
  );
  const gateway = await startGateway({ config, env: {}, authenticate: null });
  const healthy = await chat(primary.baseURL, body(false));
  primary.resetConfig();
  primary.setConfig({ behavior: scenario.primary });
  if (scenario.fallback) fallback.setConfig({ behavior: scenario.fallback });
  return {
    primary,
    fallback,
    gateway,
    collector,
    reference: healthy.text,
    close: async () => {
      await gateway.close();
      await Promise.all([primary.close(), fallback.close(), collector.close()]);
    },
  };
}

function body(stream: boolean): Record<string, unknown> {
  return { model: MODEL, temperature: 0, stream, messages: [{ role: 'user', content: PROMPT }] };
}

/**
 * Runs one fault through the gateway and judges what the client saw.
 *
 * @example const { verdict, evidence } = await runFaultScenario(FAULT_SCENARIOS[0]);
 */
export async function runFaultScenario(
  scenario: FaultScenario,
): Promise<ScenarioResult & { views: ClientView[]; spans: CollectedSpan[] }> {
  const bench = await startBench(scenario);
  try {
    const views: ClientView[] = [];
    for (let i = 0; i < (scenario.requests ?? 1); i++) {
      views.push(await chat(bench.gateway.baseURL, body(scenario.stream)));
      if (scenario.requests) await new Promise((r) => setTimeout(r, 100));
    }
    await bench.gateway.runtime.exporter?.flush();
    const spans = [...bench.collector.spans];
    const judged = await judge(scenario, views, bench, spans);
    return { name: scenario.name, ...judged, views, spans };
  } finally {
    await bench.close();
  }
}

async function judge(
  scenario: FaultScenario,
  views: ClientView[],
  bench: Bench,
  spans: CollectedSpan[],
): Promise<{ verdict: Verdict; evidence: string }> {
  const hit = bench.primary
    .stats()
    .recent.some((r) => scenario.injected === null || r.groundTruth.includes(scenario.injected));
  if (!hit)
    return {
      verdict: 'fail',
      evidence: `the fault '${scenario.injected}' never reached the primary: the scenario tested nothing`,
    };
  const calls = `primary ${bench.primary.stats().requests.total} / fallback ${bench.fallback.stats().requests.total} upstream requests`;
  if (scenario.expect === 'context_length_error') {
    const v = views[0]!;
    const faithful = v.status === 400 && v.errorCode === 'context_length_exceeded';
    const once =
      bench.primary.stats().requests.total === 1 && bench.fallback.stats().requests.total === 0;
    if (faithful && once)
      return {
        verdict: 'pass',
        evidence: `400 context_length_exceeded passed through, not retried (${calls})`,
      };
    return {
      verdict: faithful ? 'partial' : 'fail',
      evidence: `HTTP ${v.status} ${v.errorCode ?? ''} (${calls})`,
    };
  }
  if (scenario.expect === 'content_filter') {
    const v = views[0]!;
    const faithful = v.status === 200 && v.finishReason === 'content_filter';
    const once =
      bench.primary.stats().requests.total === 1 && bench.fallback.stats().requests.total === 0;
    if (faithful && once)
      return {
        verdict: 'pass',
        evidence: `finish_reason content_filter returned as is, not retried (${calls})`,
      };
    return {
      verdict: faithful ? 'partial' : 'fail',
      evidence: `HTTP ${v.status} finish ${v.finishReason} (${calls})`,
    };
  }
  const verdicts = views.map((v) => answerVerdict(v, bench.reference, scenario.minMs ?? 0));
  const worst = (['fail', 'safe', 'partial', 'pass'] as const).find((x) => verdicts.includes(x))!;
  const slowest = Math.max(...views.map((v) => v.elapsedMs));
  const evidence = `${verdicts.filter((x) => x === 'pass').length}/${views.length} complete answers equal to the healthy one, slowest ${slowest} ms (${calls})`;
  if (scenario.expect !== 'accounting' || worst !== 'pass') return { verdict: worst, evidence };
  const attempts = spans.filter((s) => s.attributes['gen_ai.operation.name'] === 'chat');
  const cut = attempts.find((s) => s.attributes['glassbox.gateway.usage_estimated'] === true);
  const spent = await bench.gateway.runtime.stores.ledger.spent('project:default:total');
  const { computeCostUsd } = await import('@glassbox/core/cost');
  const expected = attempts.reduce(
    (sum, s) =>
      sum +
      (computeCostUsd(String(s.attributes['gen_ai.request.model']), {
        input: Number(s.attributes['gen_ai.usage.input_tokens'] ?? 0),
        output: Number(s.attributes['gen_ai.usage.output_tokens'] ?? 0),
      }) ?? 0),
    0,
  );
  const ok =
    attempts.length === 2 &&
    cut !== undefined &&
    Number(cut.attributes['gen_ai.usage.output_tokens']) > 0 &&
    Math.abs(spent.usd - expected) < 1e-9;
  return {
    verdict: ok ? 'pass' : 'partial',
    evidence: `${attempts.length} attempt spans; the cut attempt billed ${cut?.attributes['gen_ai.usage.output_tokens'] ?? '?'} output tokens; budget spent $${spent.usd.toFixed(8)} = sum of attempts $${expected.toFixed(8)}`,
  };
}

function answerVerdict(v: ClientView, reference: string, minMs: number): Verdict {
  if (v.success && v.text === reference && v.finishReason === 'stop')
    return v.elapsedMs <= TIME_BOUND_MS && v.elapsedMs >= minMs ? 'pass' : 'partial';
  if (v.success) return 'fail'; // a different or truncated answer returned as a success
  const clear = v.status >= 400 || v.errorCode !== null;
  return clear && v.elapsedMs <= TIME_BOUND_MS * 4 ? 'safe' : 'fail';
}
