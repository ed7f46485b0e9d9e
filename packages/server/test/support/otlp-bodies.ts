import {
  context,
  trace,
  SpanStatusCode,
  type Attributes as OtelAttributes,
  type Context,
} from '@opentelemetry/api';
import {
  JsonTraceSerializer,
  ProtobufLogsSerializer,
  ProtobufTraceSerializer,
} from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';

export interface SpanSpec {
  name: string;
  attributes?: OtelAttributes;
  error?: string;
  children?: SpanSpec[];
  /** Start, epoch milliseconds. */
  startMs?: number;
  durationMs?: number;
}

/**
 * Real ReadableSpans from the OpenTelemetry SDK, one trace per root spec, children nested.
 */
export function recordSpans(roots: SpanSpec[], service = 'test-service'): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('glassbox-test', '1.2.3');
  const run = (spec: SpanSpec, parent?: Context) => {
    const startMs = spec.startMs ?? Date.now();
    const span = tracer.startSpan(
      spec.name,
      { attributes: spec.attributes ?? {}, startTime: startMs },
      parent,
    );
    if (spec.error) span.setStatus({ code: SpanStatusCode.ERROR, message: spec.error });
    const ctx = trace.setSpan(parent ?? context.active(), span);
    for (const child of spec.children ?? []) run(child, ctx);
    span.end(startMs + (spec.durationMs ?? 10));
  };
  for (const root of roots) run(root);
  return exporter.getFinishedSpans();
}

export function protobufTraceBody(spans: ReadableSpan[]): Buffer {
  return Buffer.from(ProtobufTraceSerializer.serializeRequest(spans)!);
}

export function jsonTraceBody(spans: ReadableSpan[]): Buffer {
  return Buffer.from(JsonTraceSerializer.serializeRequest(spans)!);
}

type LogRecordInput = Parameters<typeof ProtobufLogsSerializer.serializeRequest>[0][number];

export interface LogSpec {
  eventName: string;
  traceId: string;
  spanId: string;
  body: unknown;
  /** Send the name as the `event.name` attribute instead of the LogRecord field. */
  asAttribute?: boolean;
  timeMs?: number;
}

/** An ExportLogsServiceRequest in protobuf, as the official OTLP log exporter sends it. */
export function protobufLogsBody(logs: LogSpec[]): Buffer {
  const resource = resourceFromAttributes({ 'service.name': 'test-service' });
  const records = logs.map((log) => {
    const time = log.timeMs ?? Date.now();
    const hrTime: [number, number] = [Math.floor(time / 1000), (time % 1000) * 1e6];
    return {
      hrTime,
      hrTimeObserved: hrTime,
      spanContext: { traceId: log.traceId, spanId: log.spanId, traceFlags: 1 },
      severityNumber: 9,
      severityText: 'INFO',
      body: log.body,
      ...(log.asAttribute ? {} : { eventName: log.eventName }),
      resource,
      instrumentationScope: { name: 'glassbox-test' },
      attributes: log.asAttribute ? { 'event.name': log.eventName } : {},
      droppedAttributesCount: 0,
    } as unknown as LogRecordInput;
  });
  return Buffer.from(ProtobufLogsSerializer.serializeRequest(records)!);
}

export { ProtobufTraceSerializer, JsonTraceSerializer };
