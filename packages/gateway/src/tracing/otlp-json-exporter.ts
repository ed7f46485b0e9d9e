import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { SpanBatch } from './span-batch.js';

/** A finished span, in the gateway's own small shape. */
export interface GatewaySpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  startMs: number;
  endMs: number;
  error: string | null;
  attributes: Record<string, string | number | boolean>;
  events: { name: string; timeMs: number; attributes: Record<string, string | number | boolean> }[];
}

export interface ExporterStats {
  exported: number;
  dropped: number;
  failedBatches: number;
}

/**
 * Sends spans to Glassbox as OTLP/HTTP JSON in batches, off the request path: `add` only
 * queues; a timer flushes. The queue is bounded, so a dead Glassbox costs dropped spans
 * (counted), never memory or latency. Each caller's key goes with its own spans, so traces
 * land in the caller's project.
 *
 * @example
 * const exporter = new OtlpJsonExporter('http://127.0.0.1:4318');
 * exporter.add(span, authorization);
 */
export class OtlpJsonExporter {
  readonly stats: ExporterStats = { exported: 0, dropped: 0, failedBatches: 0 };
  /** Spans serialized when added, by the caller's Authorization, waiting for the next flush. */
  private batches = new Map<string | null, SpanBatch>();
  private queued = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly baseUrl: string,
    private readonly options = {
      maxQueue: 20_000,
      batchSize: 512,
      intervalMs: 1000,
      serviceName: 'glassbox-gateway',
    },
  ) {
    this.timer = setInterval(() => void this.flush(), options.intervalMs);
    this.timer.unref();
  }

  add(span: GatewaySpan, authorization: string | null): void {
    if (this.queued >= this.options.maxQueue) {
      this.stats.dropped += 1;
      return;
    }
    let batch = this.batches.get(authorization);
    if (!batch) this.batches.set(authorization, (batch = new SpanBatch()));
    batch.add(spanJson(span));
    this.queued += 1;
    if (this.queued === this.options.batchSize) void this.flush();
  }

  /** Sends everything queued; resolves when the sends finish (failures are counted). */
  async flush(): Promise<void> {
    // Spans are added just after their answer is sent (setImmediate): let those land first.
    await new Promise((resolve) => setImmediate(resolve));
    if (this.queued === 0) return;
    const batches = this.batches;
    this.batches = new Map();
    this.queued = 0;
    const [before, after] = this.envelope();
    await Promise.all(
      [...batches].map(async ([auth, batch]) => {
        const ok = await this.post(batch.payload(before, after), auth);
        if (ok) this.stats.exported += batch.count;
        else {
          this.stats.failedBatches += 1;
          this.stats.dropped += batch.count;
        }
      }),
    );
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** The OTLP/JSON text around a batch's spans. */
  private envelope(): [Buffer, Buffer] {
    const resource = `{"attributes":${attributesJson({ 'service.name': this.options.serviceName })}}`;
    return [
      Buffer.from(
        `{"resourceSpans":[{"resource":${resource},"scopeSpans":[{"scope":{"name":"@glassbox/gateway"},"spans":[`,
      ),
      Buffer.from(']}]}]}'),
    ];
  }

  private post(body: Buffer, auth: string | null): Promise<boolean> {
    const url = new URL(`${this.baseUrl}/v1/traces`);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
      const req = send(
        url,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': body.length,
            ...(auth ? { authorization: auth } : {}),
          },
          timeout: 10_000,
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve((res.statusCode ?? 500) < 300));
          res.on('error', () => resolve(false));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => resolve(false));
      req.end(body);
    });
  }
}

/**
 * One span as OTLP/JSON text (kind 3: client), written out directly: the same text
 * `JSON.stringify` gives for the OTLP object, without building that object first.
 */
export function spanJson(s: GatewaySpan): string {
  let out = `{"traceId":"${s.traceId}","spanId":"${s.spanId}"`;
  if (s.parentSpanId) out += `,"parentSpanId":"${s.parentSpanId}"`;
  out += `,"name":${JSON.stringify(s.name)},"kind":3,"startTimeUnixNano":"${nanos(s.startMs)}","endTimeUnixNano":"${nanos(s.endMs)}","attributes":${attributesJson(s.attributes)},"events":[`;
  for (let i = 0; i < s.events.length; i++) {
    const e = s.events[i]!;
    out += `${i === 0 ? '' : ','}{"name":${JSON.stringify(e.name)},"timeUnixNano":"${nanos(e.timeMs)}","attributes":${attributesJson(e.attributes)}}`;
  }
  out +=
    s.error === null
      ? '],"status":{"code":1}}'
      : `],"status":{"code":2,"message":${JSON.stringify(s.error)}}}`;
  return out;
}

/** Milliseconds since the epoch as decimal nanoseconds, without BigInt on the hot path. */
function nanos(ms: number): string {
  if (Number.isInteger(ms)) return `${ms}000000`;
  const whole = Math.floor(ms);
  return `${whole}${String(Math.min(999_999, Math.round((ms - whole) * 1e6))).padStart(6, '0')}`;
}

function attributesJson(values: Record<string, string | number | boolean>): string {
  let out = '[';
  for (const key in values) {
    const v = values[key]!;
    const value =
      typeof v === 'string'
        ? `{"stringValue":${JSON.stringify(v)}}`
        : typeof v === 'boolean'
          ? `{"boolValue":${v}}`
          : Number.isInteger(v)
            ? `{"intValue":"${v}"}`
            : `{"doubleValue":${JSON.stringify(v)}}`;
    out += `${out.length === 1 ? '' : ','}{"key":${JSON.stringify(key)},"value":${value}}`;
  }
  return `${out}]`;
}
