/*
 * Support-bot traffic whose behaviour shifts at a known instant, as OTLP/JSON with explicit
 * timestamps: before the shift 30 % of requests are refunds, 2 % of which fail, on prompt v1;
 * after it 75 % are refunds, 40 % of which fail and take three times as long, on prompt v2.
 */
import { hexId, type SpanInput } from './otlp-fixtures.js';

export interface ShiftingTraffic {
  spans: SpanInput[];
  /** Event time of the first request after the shift. */
  shiftMs: number;
  refundTraceIds: string[];
}

/** A deterministic fraction in [0, 1) for request i and a salt (no Math.random: reruns match). */
function unit(i: number, salt: number): number {
  const x = Math.sin(i * 12.9898 + salt * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

/**
 * `total` one-span LLM requests every `everyMs` from `startMs`; the last `shifted` of them
 * come after the shift.
 *
 * @example
 * const traffic = shiftingTraffic(Date.now() - 50 * 60_000, { total: 600, shifted: 200, everyMs: 5000 });
 */
export function shiftingTraffic(
  startMs: number,
  options: { total: number; shifted: number; everyMs: number },
): ShiftingTraffic {
  const spans: SpanInput[] = [];
  const refundTraceIds: string[] = [];
  const firstShifted = options.total - options.shifted;
  for (let i = 0; i < options.total; i += 1) {
    const after = i >= firstShifted;
    const refund = unit(i, 1) < (after ? 0.75 : 0.3);
    const failed = refund && unit(i, 2) < (after ? 0.4 : 0.02);
    const traceId = hexId('d7', i, 32);
    if (refund) refundTraceIds.push(traceId);
    const route = refund ? 'refund' : 'search';
    spans.push({
      traceId,
      spanId: hexId('5a', i, 16),
      name: `answer-${route}`,
      startMs: startMs + i * options.everyMs,
      durationMs: Math.round((refund && after ? 1500 : 500) * (0.8 + 0.4 * unit(i, 3))),
      attributes: {
        'openinference.span.kind': 'LLM',
        'llm.model_name': 'gpt-4o-mini',
        'llm.prompt_template.template': 'You are a support agent. {question}',
        'llm.prompt_template.version': after ? 'support-v2' : 'support-v1',
        'llm.token_count.prompt': 300,
        'llm.token_count.completion': 60,
        'input.value': `${route} question ${i}`,
        'output.value': failed ? '' : `Here is the answer to ${route} question ${i}.`,
        metadata: JSON.stringify({ route }),
      },
      ...(failed ? { error: 'upstream 503 from the refunds service' } : {}),
    });
  }
  return { spans, shiftMs: startMs + firstShifted * options.everyMs, refundTraceIds };
}

/** The monitors the test adds through the API: small baselines so 600 requests suffice. */
export const TEST_MONITORS = [
  {
    id: 'refund-errors',
    name: 'Refund errors',
    metric: 'error_rate',
    segment: { route: 'refund' },
    detector: 'bernoulli_cusum',
    params: { p0: 0.05, h: 4 },
    severity: 'critical',
  },
  {
    id: 'route-mix',
    name: 'Route mix',
    metric: 'route_share',
    detector: 'share_shift',
    params: { baselineSize: 200, window: 100 },
    severity: 'warning',
  },
  {
    id: 'refund-latency',
    name: 'Refund latency',
    metric: 'latency_ms',
    segment: { route: 'refund' },
    detector: 'ewma',
    params: { blockSize: 5, baselineBlocks: 15, statistic: 'mean' },
    severity: 'error',
  },
] as const;
