/** Label values that need no escaping (the common case skips the replace). */
const SAFE_LABEL = /^[\w./:-]*$/;

/**
 * The gateway's own health in Prometheus text format: counters with labels, a request
 * latency histogram, and gauges read at scrape time (breakers, RSS, exporter).
 *
 * @example metrics.count('glassbox_gateway_requests_total', { route: 'chat', status: '200' });
 */
export class GatewayMetrics {
  private readonly counters = new Map<string, Map<string, number>>();
  private readonly buckets = [
    0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000,
  ];
  private readonly histogram = { counts: new Array<number>(16).fill(0), sum: 0, count: 0 };
  private readonly help: Record<string, string> = {
    glassbox_gateway_requests_total: 'Requests answered, by route and status.',
    glassbox_gateway_upstream_attempts_total: 'Upstream attempts, by provider and outcome.',
    glassbox_gateway_guard_decisions_total: 'Guard decisions, by guard and decision.',
    glassbox_gateway_cache_hits_total: 'Answers served from a cache, by cache.',
  };

  count(name: string, labels: Record<string, string>, by = 1): void {
    let series = this.counters.get(name);
    if (!series) this.counters.set(name, (series = new Map<string, number>()));
    let key = '';
    for (const k in labels) {
      const v = labels[k]!;
      key += `${key ? ',' : ''}${k}="${SAFE_LABEL.test(v) ? v : v.replace(/["\\\n]/g, '_')}"`;
    }
    series.set(key, (series.get(key) ?? 0) + by);
  }

  observeLatency(ms: number): void {
    const i = this.buckets.findIndex((b) => ms <= b);
    this.histogram.counts[i === -1 ? this.buckets.length : i]! += 1;
    this.histogram.sum += ms;
    this.histogram.count += 1;
  }

  /** The text exposition, with gauges supplied at scrape time. */
  render(
    gauges: Record<string, { help: string; series: [Record<string, string>, number][] }>,
  ): string {
    const lines: string[] = [];
    for (const [name, series] of this.counters) {
      lines.push(`# HELP ${name} ${this.help[name] ?? name}`, `# TYPE ${name} counter`);
      for (const [labels, value] of series)
        lines.push(`${name}${labels ? `{${labels}}` : ''} ${value}`);
    }
    const h = 'glassbox_gateway_request_duration_ms';
    lines.push(`# HELP ${h} Time from request to the end of the answer.`, `# TYPE ${h} histogram`);
    let cumulative = 0;
    this.buckets.forEach((b, i) => {
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
