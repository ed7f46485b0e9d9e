/** Label values that need no escaping (the common case skips the replace). */
const SAFE_LABEL = /^[\w./:-]*$/;

/**
 * A Prometheus counter with one or two labels. Counts are kept by label value in nested
 * maps, so counting builds no string; the series text is made only when scraped.
 *
 * @example
 * const requests = new LabeledCounter('http_requests_total', 'Requests.', ['path', 'status']);
 * requests.inc('/v1/models', '200');
 */
export class LabeledCounter {
  private readonly counts = new Map<string, Map<string, number>>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labels: readonly [string] | readonly [string, string],
  ) {}

  inc(first: string, second = '', by = 1): void {
    let inner = this.counts.get(first);
    if (!inner) this.counts.set(first, (inner = new Map<string, number>()));
    inner.set(second, (inner.get(second) ?? 0) + by);
  }

  /** The counter's exposition lines (HELP, TYPE, one per series); none before the first count. */
  lines(): string[] {
    if (this.counts.size === 0) return [];
    const out = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    const [a, b] = this.labels;
    for (const [first, inner] of this.counts)
      for (const [second, value] of inner) {
        const labels =
          b === undefined
            ? `${a}="${escape(first)}"`
            : `${a}="${escape(first)}",${b}="${escape(second)}"`;
        out.push(`${this.name}{${labels}} ${value}`);
      }
    return out;
  }
}

function escape(value: string): string {
  return SAFE_LABEL.test(value) ? value : value.replace(/["\\\n]/g, '_');
}
