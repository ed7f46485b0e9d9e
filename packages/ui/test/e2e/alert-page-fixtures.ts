/*
 * Traffic that reproduces three alert-page defects seen on the demo:
 * - checkout errors run at about 8 % for 200 requests, stay at 0 % for ten minutes, then jump
 *   to 70 %: the window just before the onset says 0 % while the detector's baseline says 8 %;
 * - a lookup route, one request every four minutes, cycles through six long model names, then
 *   a seventh appears: the new-value alert lists the long known names (a wide evidence
 *   table), and its metric's one-minute buckets are all isolated (no line segment joins them).
 */
import { hexId, type SpanInput } from './otlp-fixtures.js';

/**
 * Known model names, long and without hyphens or spaces on purpose (deployment ids, like the
 * demo's "temperature=0.2,maxTokens=300"): the browser finds no break in them by itself.
 */
export const KNOWN_MODELS = [1, 2, 3, 4, 5, 6].map(
  (i) => `acme_support_finetune_eu_west_${i}_gpt4o_mini_20240718_deployment`,
);
export const NEW_MODEL = 'acme_support_finetune_eu_west_7_gpt4o_20241120_deployment';

/** A deterministic fraction in [0, 1) (no Math.random: reruns match). */
function unit(i: number, salt: number): number {
  const x = Math.sin(i * 12.9898 + salt * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

function request(
  n: number,
  startMs: number,
  route: string,
  model: string,
  failed: boolean,
): SpanInput {
  return {
    traceId: hexId('a9', n, 32),
    spanId: hexId('b9', n, 16),
    name: `answer-${route}`,
    startMs,
    durationMs: 400,
    attributes: {
      'openinference.span.kind': 'LLM',
      'llm.model_name': model,
      // The returned model: what model_share and its new-value monitor read.
      'gen_ai.response.model': model,
      'llm.token_count.prompt': 200,
      'llm.token_count.completion': 40,
      'input.value': `${route} question ${n}`,
      'output.value': failed ? '' : `Here is the answer to ${route} question ${n}.`,
      metadata: JSON.stringify({ route }),
    },
    ...(failed ? { error: 'payment provider returned 502' } : {}),
  };
}

/**
 * Checkout traffic over the two hours and lookup traffic over the nine hours before `endMs`.
 *
 * @example
 * await ui.ingest(exportRequest(alertPageTraffic(Date.now() - 60_000)));
 */
export function alertPageTraffic(endMs: number): SpanInput[] {
  const t0 = endMs - 125 * 60_000;
  const spans: SpanInput[] = [];
  let n = 0;
  for (let i = 0; i < 200; i++)
    spans.push(request(n++, t0 + i * 30_000, 'checkout', KNOWN_MODELS[0]!, unit(i, 1) < 0.08));
  for (let i = 0; i < 40; i++)
    spans.push(request(n++, t0 + 100 * 60_000 + i * 15_000, 'checkout', KNOWN_MODELS[0]!, false));
  for (let i = 0; i < 60; i++)
    spans.push(
      request(n++, t0 + 110 * 60_000 + i * 15_000, 'checkout', KNOWN_MODELS[0]!, unit(i, 2) < 0.7),
    );
  const lookup = endMs - 126 * 4 * 60_000;
  for (let i = 0; i < 126; i++)
    spans.push(
      request(
        n++,
        lookup + i * 4 * 60_000,
        'lookup',
        i < 120 ? KNOWN_MODELS[i % 6]! : NEW_MODEL,
        false,
      ),
    );
  return spans;
}

/** Monitors on those routes, with baselines the traffic fills. */
export const ALERT_PAGE_MONITORS = [
  {
    id: 'checkout-errors',
    name: 'Checkout errors',
    metric: 'error_rate',
    segment: { route: 'checkout' },
    detector: 'bernoulli_cusum',
    params: { baselineSize: 200 },
    severity: 'critical',
  },
  {
    id: 'lookup-model',
    name: 'Lookup model',
    metric: 'model_share',
    segment: { route: 'lookup' },
    detector: 'new_value',
    params: { baselineSize: 120, minCount: 3, window: 200 },
    severity: 'warning',
  },
] as const;
