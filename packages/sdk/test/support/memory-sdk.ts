import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { init, type GlassboxHandle, type InitOptions } from '../../src/runtime/init.js';

export interface MemorySdk {
  handle: GlassboxHandle;
  exporter: InMemorySpanExporter;
  /** Flushes and returns every finished span so far. */
  spans(): Promise<ReadableSpan[]>;
  /** Flushes and returns the one span with this name (throws if absent or ambiguous). */
  span(name: string): Promise<ReadableSpan>;
}

/** Starts the SDK with an in-memory exporter, for tests. */
export function memorySdk(options: InitOptions = {}): MemorySdk {
  const exporter = new InMemorySpanExporter();
  const handle = init({ env: {}, scheduledDelayMillis: 5, ...options, exporter });
  const spans = async (): Promise<ReadableSpan[]> => {
    await handle.flush();
    return exporter.getFinishedSpans();
  };
  return {
    handle,
    exporter,
    spans,
    span: async (name) => {
      const found = (await spans()).filter((s) => s.name === name);
      if (found.length !== 1)
        throw new Error(`expected one span named ${name}, found ${found.length}`);
      return found[0]!;
    },
  };
}
