import { context, createContextKey, type Context } from '@opentelemetry/api';
import type { Span as SdkSpan, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  inRootSpan,
  onlySpan,
  startHarness,
  startTracing,
  stopTracing,
  type CompatHarness,
} from './compat-harness.js';
import { SYSTEM_PROMPT, WEATHER_QUESTION, WEATHER_TOOL } from './compat-requests.js';

/** The slice of a Traceloop OpenAI instrumentation (0.22 and 0.27) the suite drives. */
export interface TraceloopInstrumentation {
  setTracerProvider(provider: NodeTracerProvider): void;
  manuallyInstrument(module: unknown): void;
  disable(): void;
}

const ASSOCIATION = createContextKey('association_properties');

/**
 * What @traceloop/node-server-sdk's span processor does with `withAssociationProperties`
 * (the SDK itself is not a dependency here): copies the context's association properties onto
 * every span as `traceloop.association.properties.<key>`.
 */
class AssociationPropertiesProcessor implements SpanProcessor {
  onStart(span: SdkSpan, parent: Context): void {
    const properties = parent.getValue(ASSOCIATION) as Record<string, string> | undefined;
    for (const [key, value] of Object.entries(properties ?? {})) {
      span.setAttribute(`traceloop.association.properties.${key}`, value);
    }
  }
  onEnd(): void {}
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** One end-to-end suite, run against the current and the legacy Traceloop instrumentation. */
export function describeTraceloop(
  label: string,
  create: () => TraceloopInstrumentation,
  legacy: boolean,
): void {
  let harness: CompatHarness;
  let provider: NodeTracerProvider;
  let instrumentation: TraceloopInstrumentation;
  let client: OpenAI;

  beforeAll(async () => {
    harness = await startHarness();
    provider = startTracing(harness.server.url, 'traceloop-app', [
      new AssociationPropertiesProcessor(),
    ]);
    instrumentation = create();
    instrumentation.setTracerProvider(provider);
    instrumentation.manuallyInstrument(OpenAI);
    client = new OpenAI({ baseURL: harness.sim.baseURL, apiKey: 'sim', maxRetries: 0 });
  });

  afterAll(async () => {
    instrumentation.disable();
    await stopTracing(provider);
    await harness.close();
  });

  describe(`${label} -> Glassbox`, () => {
    it('normalizes a chat completion with session, user, messages, tokens and finish reason', async () => {
      const traceId = await inRootSpan('tl-chat', () =>
        context.with(
          context
            .active()
            .setValue(ASSOCIATION, { session_id: 'tl-session-1', user_id: 'tl-user-1' }),
          async () => {
            await client.chat.completions.create({
              model: 'sim-gpt-4o-mini',
              messages: [
                { role: 'system', content: SYSTEM_PROMPT },
                { role: 'user', content: 'How long do refunds take?' },
              ],
              temperature: 0.3,
            });
          },
        ),
      );
      await provider.forceFlush();
      const detail = await harness.getTrace(traceId);
      const llm = onlySpan(detail, (s) => s.kind === 'llm');
      expect(llm.requestModel).toBe('sim-gpt-4o-mini');
      expect(llm.responseModel).toBe('sim-gpt-4o-mini-2024-07-18');
      expect(llm.provider).toBe('openai');
      expect(llm.sessionId).toBe('tl-session-1');
      expect(llm.userId).toBe('tl-user-1');
      expect(llm.inputMessages.map((m) => m.role)).toEqual(['system', 'user']);
      expect(llm.inputMessages[0]!.content).toBe(SYSTEM_PROMPT);
      expect(llm.outputMessages[0]!.role).toBe('assistant');
      expect(llm.outputMessages[0]!.content.length).toBeGreaterThan(0);
      expect(llm.finishReason).toBe('stop');
      expect(llm.usage.input).toBeGreaterThan(0);
      expect(llm.usage.output).toBeGreaterThan(0);
      expect(llm.parameters.temperature).toBe(0.3);
    });

    it('normalizes the tool call the model made', async () => {
      const traceId = await inRootSpan('tl-tool', async () => {
        await client.chat.completions.create({
          model: 'sim-gpt-4o',
          messages: [{ role: 'user', content: WEATHER_QUESTION }],
          tools: [WEATHER_TOOL],
        });
      });
      await provider.forceFlush();
      const llm = onlySpan(await harness.getTrace(traceId), (s) => s.kind === 'llm');
      // 0.27 follows the OTel GenAI finish-reason enum (`tool_call`); 0.22 copies OpenAI's.
      expect(llm.finishReason).toBe('tool_calls');
      const call = llm.outputMessages[0]?.toolCalls?.[0];
      expect(call?.name).toBe('get_weather');
      expect(JSON.parse(call!.arguments)).toMatchObject({ city: expect.any(String) });
      if (!legacy) expect(call?.id).toMatch(/^call_/);
      expect(llm.toolDefinitions.map((t) => t.name)).toEqual(['get_weather']);
    });

    it('normalizes a streamed completion', async () => {
      const traceId = await inRootSpan('tl-stream', async () => {
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
      await provider.forceFlush();
      const llm = onlySpan(await harness.getTrace(traceId), (s) => s.kind === 'llm');
      expect(llm.inputMessages[0]!.role).toBe('system');
      expect(llm.outputMessages[0]!.content.length).toBeGreaterThan(0);
      expect(llm.finishReason).toBe('stop');
      // Traceloop records no token usage on streams unless enrichTokens counts them itself.
      expect(llm.usage).toEqual({});
    });
  });
}
