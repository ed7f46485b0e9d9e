import { TraceFlags, type Context } from '@opentelemetry/api';
import {
  BatchSpanProcessor,
  type ReadableSpan,
  type Span,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { CountingExporter } from './counting-exporter.js';
import { GlassboxSdkError, SDK_ERROR_CODES } from './sdk-error.js';
import type { TelemetryHealth } from './telemetry-health.js';

export interface BoundedBatchOptions {
  maxQueueSize: number;
  maxExportBatchSize: number;
  scheduledDelayMillis: number;
  exportTimeoutMillis: number;
}

/**
 * OpenTelemetry's BatchSpanProcessor with its queue bound made observable: the upstream
 * processor drops spans past `maxQueueSize` silently, so this one mirrors the queue length
 * (spans in minus spans handed to the exporter) and counts each drop before it happens.
 */
export class BoundedBatchProcessor implements SpanProcessor {
  private readonly batch: BatchSpanProcessor;

  constructor(
    private readonly exporter: CountingExporter,
    private readonly health: TelemetryHealth,
    private readonly options: BoundedBatchOptions,
  ) {
    this.batch = new BatchSpanProcessor(exporter, { ...options });
  }

  onStart(span: Span, parentContext: Context): void {
    this.batch.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    if ((span.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) return;
    if (this.exporter.queued >= this.options.maxQueueSize) {
      this.health.report(
        new GlassboxSdkError(
          SDK_ERROR_CODES.spansDropped,
          `span queue full (${this.options.maxQueueSize}); span "${span.name}" dropped`,
          { spanCount: 1 },
        ),
      );
      return;
    }
    this.exporter.queued += 1;
    this.batch.onEnd(span);
  }

  forceFlush(): Promise<void> {
    return this.batch.forceFlush().catch(() => undefined);
  }

  shutdown(): Promise<void> {
    return this.batch.shutdown().catch(() => undefined);
  }
}
