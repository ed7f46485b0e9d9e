import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { GlassboxSdkError, SDK_ERROR_CODES } from './sdk-error.js';
import type { TelemetryHealth } from './telemetry-health.js';

/**
 * Wraps a span exporter so every failed or thrown export is counted and reported, and
 * nothing it does can throw into the batch processor.
 */
export class CountingExporter implements SpanExporter {
  /** Spans accepted by the processor's queue and not yet handed to the exporter. */
  queued = 0;

  constructor(
    private readonly inner: SpanExporter,
    private readonly health: TelemetryHealth,
  ) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.queued = Math.max(0, this.queued - spans.length);
    let done = false;
    const finish = (result: ExportResult): void => {
      if (done) return;
      done = true;
      if (result.code === ExportResultCode.SUCCESS) {
        this.health.exported(spans.length);
      } else {
        const reason = result.error?.message ?? 'unknown error';
        this.health.report(
          new GlassboxSdkError(
            SDK_ERROR_CODES.exportFailed,
            `export of ${spans.length} spans failed: ${reason}`,
            {
              spanCount: spans.length,
              cause: result.error,
            },
          ),
        );
      }
      resultCallback(result);
    };
    try {
      this.inner.export(spans, finish);
    } catch (error) {
      finish({
        code: ExportResultCode.FAILED,
        error: error instanceof Error ? error : new Error(String(error)),
      });
    }
  }

  async shutdown(): Promise<void> {
    try {
      await this.inner.shutdown();
    } catch {
      // Shutting down telemetry must never fail the application's own shutdown.
    }
  }

  async forceFlush(): Promise<void> {
    try {
      await this.inner.forceFlush?.();
    } catch {
      // Same as shutdown: a failed flush is already counted by export().
    }
  }
}
