import { LabeledCounter } from './labeled-counter.js';

const LATENCY_BUCKETS_MS = [
  0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000,
];

/**
 * The gateway's own health in Prometheus text format: named counters with labels, a request
 * latency histogram, and gauges read at scrape time (breakers, RSS, exporter).
 *
 * @example metrics.requests.inc('/v1/chat/completions', '200');
 */
export class GatewayMetrics {
  readonly requests = new LabeledCounter(
    'glassbox_gateway_requests_total',
    'Requests answered, by route and status.',
    ['path', 'status'],
  );
  readonly upstreamAttempts = new LabeledCounter(
    'glassbox_gateway_upstream_attempts_total',
    'Upstream attempts, by provider and outcome.',
    ['provider', 'outcome'],
  );
  readonly guardDecisions = new LabeledCounter(
    'glassbox_gateway_guard_decisions_total',
    'Guard decisions, by guard and decision.',
    ['guard', 'decision'],
  );
  readonly cacheHits = new LabeledCounter(
    'glassbox_gateway_cache_hits_total',
    'Answers served from a cache, by cache.',
    ['cache'],
  );
  private readonly histogram = {
    counts: new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0),
    sum: 0,
    count: 0,
  };

  observeLatency(ms: number): void {
    let i = 0;
    while (i < LATENCY_BUCKETS_MS.length && ms > LATENCY_BUCKETS_MS[i]!) i++;
    this.histogram.counts[i]! += 1;
    this.histogram.sum += ms;
    this.histogram.count += 1;
  }

  /** The text exposition, with gauges supplied at scrape time. */
  render(
    gauges: Record<string, { help: string; series: [Record<string, string>, number][] }>,
  ): string {
    const lines: string[] = [];
    for (const counter of [
      this.requests,
      this.upstreamAttempts,
      this.guardDecisions,
      this.cacheHits,
    ])
      lines.push(...counter.lines());
    const h = 'glassbox_gateway_request_duration_ms';
    lines.push(`# HELP ${h} Time from request to the end of the answer.`, `# TYPE ${h} histogram`);
    let cumulative = 0;
    LATENCY_BUCKETS_MS.forEach((b, i) => {
      cumulative += this.histogram.counts[i]!;
      lines.push(`${h}_bucket{le="${b}"} ${cumulative}`);
    });
    lines.push(
      `${h}_bucket{le="+Inf"} ${this.histogram.count}`,
      `${h}_sum ${this.histogram.sum}`,
      `${h}_count ${this.histogram.count}`,
    );
    for (const [name, gauge] of Object.entries(gauges)) {
      lines.push(`# HELP ${name} ${gauge.help}`, `# TYPE ${name} gauge`);
      for (const [labels, value] of gauge.series) {
        const l = Object.entries(labels)
          .map(([k, v]) => `${k}="${v}"`)
          .join(',');
        lines.push(`${name}${l ? `{${l}}` : ''} ${value}`);
      }
    }
    return `${lines.join('\n')}\n`;
  }
}
