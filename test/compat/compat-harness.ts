import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { Span, TraceDetail, TraceSummary } from '@glassbox/core/model';
import { createServer, type GlassboxServer } from '@glassbox/server';
import { createMemoryStorage, type Storage } from '@glassbox/store';
import { startSimulator, type RunningSimulator } from '@glassbox/simulator';

/** A simulated OpenAI-compatible provider and a Glassbox server, both on loopback. */
export interface CompatHarness {
  sim: RunningSimulator;
  server: GlassboxServer;
  /** GET /api/traces with the given query string pairs. */
  listTraces(query?: Record<string, string>): Promise<TraceSummary[]>;
  /** GET /api/traces/:id; throws on anything but 200. */
  getTrace(traceId: string): Promise<TraceDetail>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  storage?: Storage;
  /** Sent as `Authorization: Bearer <key>` on every query. */
  apiKey?: string;
}

export async function startHarness(options: HarnessOptions = {}): Promise<CompatHarness> {
  const sim = await startSimulator({ seed: 11 });
  const server = await createServer({
    storage: options.storage ?? createMemoryStorage(),
    host: '127.0.0.1',
    port: 0,
  });
  const headers: Record<string, string> = options.apiKey
    ? { authorization: `Bearer ${options.apiKey}` }
    : {};
  const getJson = async (path: string): Promise<unknown> => {
    const response = await fetch(`${server.url}${path}`, { headers });
    if (response.status !== 200) {
      throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    }
    return response.json();
  };
  return {
    sim,
    server,
    listTraces: async (query = {}) => {
      const page = (await getJson(`/api/traces?${new URLSearchParams(query)}`)) as {
        items: TraceSummary[];
      };
      return page.items;
    },
    getTrace: async (traceId) => (await getJson(`/api/traces/${traceId}`)) as TraceDetail,
    close: async () => {
      await server.close();
      await sim.close();
    },
  };
}

/**
 * A tracer provider that exports every ended span at once over OTLP protobuf to the server,
 * registered globally (instrumentations and context helpers read the global API).
 */
export function startTracing(
  serverUrl: string,
  serviceName: string,
  extraProcessors: SpanProcessor[] = [],
): NodeTracerProvider {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [
      ...extraProcessors,
      new SimpleSpanProcessor(new OTLPTraceExporter({ url: `${serverUrl}/v1/traces` })),
    ],
  });
  provider.register();
  return provider;
}

export async function stopTracing(provider: NodeTracerProvider): Promise<void> {
  await provider.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
}

/** The one span of a trace satisfying `predicate`; fails naming what the trace holds. */
export function onlySpan(detail: TraceDetail, predicate: (span: Span) => boolean): Span {
  const found = detail.spans.filter(predicate);
  if (found.length !== 1) {
    const names = detail.spans.map((s) => `${s.name}(${s.kind})`).join(', ');
    throw new Error(`expected one matching span, found ${found.length} among: ${names}`);
  }
  return found[0]!;
}

/**
 * Runs `work` inside a fresh root span (so each test case has its own trace) and returns
 * that trace's id once the root has ended.
 */
export async function inRootSpan(name: string, work: () => Promise<void>): Promise<string> {
  return trace.getTracer('compat-test').startActiveSpan(name, async (root) => {
    try {
      await work();
    } finally {
      root.end();
    }
    return root.spanContext().traceId;
  });
}
