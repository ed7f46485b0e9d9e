import { metrics } from '@opentelemetry/api';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { OpenAIInstrumentation } from '@opentelemetry/instrumentation-openai';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  inRootSpan,
  onlySpan,
  startHarness,
  stopTracing,
  type CompatHarness,
} from './compat-harness.js';
import { SYSTEM_PROMPT, WEATHER_QUESTION, WEATHER_TOOL } from './compat-requests.js';

// Nothing is exported until a test flushes, so each test chooses whether the spans or the
// log records (which carry the message content) reach Glassbox first.
const HOLD = { scheduledDelayMillis: 60_000, maxExportBatchSize: 512 };

let harness: CompatHarness;
let tracerProvider: NodeTracerProvider;
let loggerProvider: LoggerProvider;
let instrumentation: OpenAIInstrumentation;
let client: OpenAI;

beforeAll(async () => {
  process.env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT = 'true';
  harness = await startHarness();
  const resource = resourceFromAttributes({ 'service.name': 'otel-contrib-app' });
  tracerProvider = new NodeTracerProvider({
    resource,
    spanProcessors: [
      new BatchSpanProcessor(
        new OTLPTraceExporter({ url: `${harness.server.url}/v1/traces` }),
        HOLD,
      ),
    ],
  });
  tracerProvider.register();
  loggerProvider = new LoggerProvider({
    resource,
    processors: [
      new BatchLogRecordProcessor({
        exporter: new OTLPLogExporter({ url: `${harness.server.url}/v1/logs` }),
        ...HOLD,
      }),
    ],
  });
  instrumentation = new OpenAIInstrumentation();
  instrumentation.setTracerProvider(tracerProvider);
  instrumentation.setLoggerProvider(loggerProvider);
  // Its token and duration histograms are created only once a meter provider is set.
  instrumentation.setMeterProvider(metrics.getMeterProvider());
  const [definition] = instrumentation.getModuleDefinitions();
  definition!.patch!({ OpenAI });
  client = new OpenAI({ baseURL: harness.sim.baseURL, apiKey: 'sim', maxRetries: 0 });
});

afterAll(async () => {
  instrumentation.disable();
  await loggerProvider.shutdown();
  await stopTracing(tracerProvider);
  await harness.close();
  delete process.env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT;
});

async function chat(conversationId: string): Promise<string> {
  return inRootSpan('otel-chat', async () => {
    await client.chat.completions.create({
      model: 'sim-gpt-4o-mini',
      messages: [
        { role: 'system', content: SYSTEM_PROMPT },
        { role: 'user', content: `How long do refunds take? (${conversationId})` },
      ],
      temperature: 0.1,
      max_tokens: 200,
    });
  });
}

async function flushSpansThenLogs(): Promise<void> {
  await tracerProvider.forceFlush();
  await loggerProvider.forceFlush();
}

async function flushLogsThenSpans(): Promise<void> {
  await loggerProvider.forceFlush();
  await tracerProvider.forceFlush();
}

describe('@opentelemetry/instrumentation-openai 0.21 (content as log records) -> Glassbox', () => {
  it.each([
    ['spans before logs', flushSpansThenLogs],
    ['logs before spans', flushLogsThenSpans],
  ])('attaches the message logs to the span when %s', async (order, flush) => {
    const traceId = await chat(order);
    await flush();
    const llm = onlySpan(await harness.getTrace(traceId), (s) => s.kind === 'llm');
    expect(llm.requestModel).toBe('sim-gpt-4o-mini');
    expect(llm.responseModel).toBe('sim-gpt-4o-mini-2024-07-18');
    expect(llm.provider).toBe('openai');
    expect(llm.parameters).toMatchObject({ temperature: 0.1, maxTokens: 200 });
    expect(llm.usage.input).toBeGreaterThan(0);
    expect(llm.usage.output).toBeGreaterThan(0);
    expect(llm.finishReason).toBe('stop');
    expect(llm.inputMessages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(llm.inputMessages[0]!.content).toBe(SYSTEM_PROMPT);
    expect(llm.inputMessages[1]!.content).toContain(order);
    expect(llm.outputMessages).toHaveLength(1);
    expect(llm.outputMessages[0]!.role).toBe('assistant');
    expect(llm.outputMessages[0]!.content.length).toBeGreaterThan(0);
  });

  it('attaches a tool call from the choice log', async () => {
    const traceId = await inRootSpan('otel-tool', async () => {
      await client.chat.completions.create({
        model: 'sim-gpt-4o',
        messages: [{ role: 'user', content: WEATHER_QUESTION }],
        tools: [WEATHER_TOOL],
      });
    });
    await flushSpansThenLogs();
    const llm = onlySpan(await harness.getTrace(traceId), (s) => s.kind === 'llm');
    expect(llm.finishReason).toBe('tool_calls');
    const call = llm.outputMessages[0]?.toolCalls?.[0];
    expect(call?.name).toBe('get_weather');
    expect(call?.id).toMatch(/^call_/);
    expect(JSON.parse(call!.arguments)).toMatchObject({ city: expect.any(String) });
  });

  it('records a streamed completion with its messages', async () => {
    const traceId = await inRootSpan('otel-stream', async () => {
      const stream = await client.chat.completions.create({
        model: 'sim-gpt-4o-mini',
        messages: [
          { role: 'system', content: SYSTEM_PROMPT },
          { role: 'user', content: 'Can I return shoes?' },
        ],
        stream: true,
        stream_options: { include_usage: true },
      });
      for await (const chunk of stream) void chunk;
    });
    await flushLogsThenSpans();
    const llm = onlySpan(await harness.getTrace(traceId), (s) => s.kind === 'llm');
    expect(llm.inputMessages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(llm.outputMessages[0]!.content.length).toBeGreaterThan(0);
    expect(llm.finishReason).toBe('stop');
    expect(llm.usage.output).toBeGreaterThan(0);
  });
});
