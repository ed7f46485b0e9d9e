import type { GlassboxSdkError } from './sdk-error.js';

export type ErrorHandler = (error: GlassboxSdkError) => void;

/** Counters of what the SDK lost or tripped over, readable through the `init` handle. */
export interface TelemetryStats {
  /** Spans handed to the exporter and acknowledged. */
  exportedSpans: number;
  /** Spans dropped because the bounded queue was full. */
  droppedSpans: number;
  /** Spans lost because their export failed or timed out. */
  failedSpans: number;
  /** Export calls that failed. */
  failedExports: number;
  /** Errors inside the SDK itself (instrumentation, redaction), each swallowed. */
  internalErrors: number;
}

/**
 * Counts telemetry losses and forwards each problem to a replaceable handler. The handler's
 * own exceptions are swallowed: reporting must not break the application either.
 */
export class TelemetryHealth {
  private readonly counters: TelemetryStats = {
    exportedSpans: 0,
    droppedSpans: 0,
    failedSpans: 0,
    failedExports: 0,
    internalErrors: 0,
  };

  constructor(private handler: ErrorHandler) {}

  stats(): TelemetryStats {
    return { ...this.counters };
  }

  setHandler(handler: ErrorHandler): void {
    this.handler = handler;
  }

  exported(spanCount: number): void {
    this.counters.exportedSpans += spanCount;
  }

  report(error: GlassboxSdkError): void {
    switch (error.code) {
      case 'spans_dropped':
        this.counters.droppedSpans += error.spanCount;
        break;
      case 'export_failed':
        this.counters.failedExports += 1;
        this.counters.failedSpans += error.spanCount;
        break;
      case 'redaction_failed':
      case 'instrumentation_failed':
        this.counters.internalErrors += 1;
        break;
      default:
        break;
    }
    try {
      this.handler(error);
    } catch {
      // A throwing handler is the application's bug; telemetry still must not propagate it.
    }
  }
}

/**
 * The default handler: at most one `console.warn` per interval, summarizing what was lost
 * since the previous warning.
 *
 * @example
 * const onError = throttledWarn(60_000);
 */
export function throttledWarn(
  intervalMs = 60_000,
  warn: (message: string) => void = (message) => console.warn(message),
  now: () => number = Date.now,
): ErrorHandler {
  let lastWarnAt = -Infinity;
  let suppressed = 0;
  return (error) => {
    const at = now();
    if (at - lastWarnAt < intervalMs) {
      suppressed += 1;
      return;
    }
    const more = suppressed > 0 ? ` (${suppressed} more problems since the last warning)` : '';
    lastWarnAt = at;
    suppressed = 0;
    warn(`[glassbox] ${error.code}: ${error.message}${more}`);
  };
}
