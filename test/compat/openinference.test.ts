import {
  getRetrieverAttributes,
  setSession,
  setUser,
  traceRetriever,
} from '@arizeai/openinference-core';
import { OpenAIInstrumentation } from '@arizeai/openinference-instrumentation-openai';
import { context } from '@opentelemetry/api';
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

let harness: CompatHarness;
let provider: NodeTracerProvider;
let instrumentation: OpenAIInstrumentation;
let client: OpenAI;

beforeAll(async () => {
  harness = await startHarness();
  provider = startTracing(harness.server.url, 'openinference-app');
  instrumentation = new OpenAIInstrumentation();
  instrumentation.setTracerProvider(provider);
  instrumentation.manuallyInstrument({ OpenAI } as never);
  client = new OpenAI({ baseURL: harness.sim.baseURL, apiKey: 'sim', maxRetries: 0 });
});

afterAll(async () => {
  instrumentation.disable();
  await stopTracing(provider);
  await harness.close();
});

describe('OpenInference OpenAI instrumentation -> Glassbox', () => {
  it('normalizes a chat completion with session, user, messages, tokens and finish reason', async () => {
    const traceId = await inRootSpan('oi-chat', () => {
      const session = setUser(setSession(context.active(), { sessionId: 'oi-session-1' }), {
        userId: 'oi-user-1',
      });
      return context.with(session, async () => {
        await client.chat.completions.create({
          model: 'sim-gpt-4o-mini',
          messages: [
            { role: 'system', content: SYSTEM_PROMPT },
            { role: 'user', content: 'How long do refunds take?' },
          ],
          temperature: 0.2,
        });
      });
    });
    await provider.forceFlush();
    const detail = await harness.getTrace(traceId);
    const llm = onlySpan(detail, (s) => s.kind === 'llm');
    expect(llm.requestModel).toBe('sim-gpt-4o-mini');
    expect(llm.responseModel).toBe('sim-gpt-4o-mini-2024-07-18');
    expect(llm.provider).toBe('openai');
    expect(llm.sessionId).toBe('oi-session-1');
    expect(llm.userId).toBe('oi-user-1');
    expect(llm.inputMessages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(llm.inputMessages[0]!.content).toBe(SYSTEM_PROMPT);
    expect(llm.outputMessages).toHaveLength(1);
    expect(llm.outputMessages[0]!.role).toBe('assistant');
    expect(llm.outputMessages[0]!.content.length).toBeGreaterThan(0);
    expect(llm.finishReason).toBe('stop');
    expect(llm.usage.input).toBeGreaterThan(0);
    expect(llm.usage.output).toBeGreaterThan(0);
    expect(llm.parameters.temperature).toBe(0.2);
    expect(detail.trace.sessionId).toBe('oi-session-1');
  });

  it('normalizes tool definitions and the tool call the model made', async () => {
    const traceId = await inRootSpan('oi-tool', async () => {
      await client.chat.completions.create({
        model: 'sim-gpt-4o',
        messages: [{ role: 'user', content: WEATHER_QUESTION }],
        tools: [WEATHER_TOOL],
      });
    });
    await provider.forceFlush();
    const llm = onlySpan(await harness.getTrace(traceId), (s) => s.kind === 'llm');
    expect(llm.finishReason).toBe('tool_calls');
    const call = llm.outputMessages[0]?.toolCalls?.[0];
    expect(call?.name).toBe('get_weather');
    expect(JSON.parse(call!.arguments)).toMatchObject({ city: expect.any(String) });
    expect(llm.toolDefinitions.map((t) => t.name)).toEqual(['get_weather']);
  });

  it('normalizes a streamed completion', async () => {
    const traceId = await inRootSpan('oi-stream', async () => {
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
    expect(llm.parameters.stream).toBe(true);
    // OpenInference 4.2 records no token counts on streams, even with include_usage.
  });

  it('normalizes a retriever span with documents and scores', async () => {
    const retrieve = traceRetriever(
      async (query: string) => [
        { id: 'kb-12', content: `Refund policy for: ${query}`, score: 0.91 },
        { id: 'kb-40', content: 'Shipping times', score: 0.42 },
      ],
      {
        name: 'kb-search',
        processOutput: (documents) =>
          getRetrieverAttributes({
            documents: documents as { id: string; content: string; score: number }[],
          }),
      },
    );
    const traceId = await inRootSpan('oi-retrieve', async () => {
      await retrieve('refund window');
    });
    await provider.forceFlush();
    const span = onlySpan(await harness.getTrace(traceId), (s) => s.name === 'kb-search');
    expect(span.kind).toBe('retriever');
    expect(span.retrievalQuery).toBe('refund window');
    expect(span.documents).toEqual([
      expect.objectContaining({
        id: 'kb-12',
        content: 'Refund policy for: refund window',
        score: 0.91,
      }),
      expect.objectContaining({ id: 'kb-40', score: 0.42 }),
    ]);
  });
});
