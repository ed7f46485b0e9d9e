import { createOpenAI } from '@ai-sdk/openai';
import { trace } from '@opentelemetry/api';
import type { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { generateText, stepCountIs, streamText, tool } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  inRootSpan,
  onlySpan,
  startHarness,
  startTracing,
  stopTracing,
  type CompatHarness,
} from './compat-harness.js';
import { SYSTEM_PROMPT, WEATHER_QUESTION } from './compat-requests.js';

let harness: CompatHarness;
let provider: NodeTracerProvider;
let openai: ReturnType<typeof createOpenAI>;

beforeAll(async () => {
  harness = await startHarness();
  provider = startTracing(harness.server.url, 'ai-sdk-app');
  openai = createOpenAI({ baseURL: harness.sim.baseURL, apiKey: 'sim' });
});

afterAll(async () => {
  await stopTracing(provider);
  await harness.close();
});

const telemetry = (sessionId: string) => ({
  isEnabled: true,
  tracer: trace.getTracer('ai'),
  metadata: { sessionId, userId: 'ai-user-1' },
});

describe('Vercel AI SDK 6 (experimental_telemetry) -> Glassbox', () => {
  it('normalizes generateText with a tool: the model call, the tool execution, the answer', async () => {
    const traceId = await inRootSpan('ai-generate', async () => {
      await generateText({
        model: openai.chat('sim-gpt-4o'),
        system: SYSTEM_PROMPT,
        prompt: WEATHER_QUESTION,
        tools: {
          get_weather: tool({
            description: 'Weather forecast for a city',
            inputSchema: z.object({ city: z.string(), days: z.number().int().min(1) }),
            execute: async ({ city }) => ({ city, forecast: 'sunny, 24C' }),
          }),
        },
        stopWhen: stepCountIs(2),
        experimental_telemetry: telemetry('ai-session-1'),
      });
    });
    await provider.forceFlush();
    const detail = await harness.getTrace(traceId);
    const calls = detail.spans.filter((s) => s.kind === 'llm' && /doGenerate/.test(s.name));
    expect(calls).toHaveLength(2);
    const [first, second] = calls as [(typeof calls)[0], (typeof calls)[0]];
    expect(first.requestModel).toBe('sim-gpt-4o');
    expect(first.responseModel).toBe('sim-gpt-4o-2024-08-06');
    expect(first.provider).toBe('openai');
    expect(first.sessionId).toBe('ai-session-1');
    expect(first.userId).toBe('ai-user-1');
    expect(first.inputMessages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(first.inputMessages[0]!.content).toBe(SYSTEM_PROMPT);
    expect(first.finishReason).toBe('tool_calls');
    const call = first.outputMessages[0]?.toolCalls?.[0];
    expect(call?.name).toBe('get_weather');
    expect(JSON.parse(call!.arguments)).toMatchObject({ city: expect.any(String) });
    expect(first.usage.input).toBeGreaterThan(0);
    expect(first.toolDefinitions.map((t) => t.name)).toEqual(['get_weather']);

    const toolSpan = onlySpan(detail, (s) => s.kind === 'tool');
    expect(toolSpan.tool).toMatchObject({ name: 'get_weather', callId: call?.id });
    expect(JSON.parse(toolSpan.tool!.result!)).toEqual({
      city: expect.any(String),
      forecast: 'sunny, 24C',
    });

    expect(second.inputMessages.map((m) => m.role)).toEqual([
      'system',
      'user',
      'assistant',
      'tool',
    ]);
    expect(second.finishReason).toBe('stop');
    expect(second.outputMessages[0]!.content.length).toBeGreaterThan(0);
    expect(detail.trace.sessionId).toBe('ai-session-1');
    // The wrapper span repeats its children's usage; the trace total counts it once.
    expect(detail.trace.usage.input).toBe((first.usage.input ?? 0) + (second.usage.input ?? 0));
  });

  it('normalizes streamText: messages, output, usage and time to first token', async () => {
    const traceId = await inRootSpan('ai-stream', async () => {
      const result = streamText({
        model: openai.chat('sim-gpt-4o-mini'),
        system: SYSTEM_PROMPT,
        prompt: 'Can I return shoes?',
        experimental_telemetry: telemetry('ai-session-2'),
      });
      for await (const part of result.textStream) void part;
    });
    await provider.forceFlush();
    const detail = await harness.getTrace(traceId);
    const llm = onlySpan(detail, (s) => s.kind === 'llm' && /doStream/.test(s.name));
    expect(llm.requestModel).toBe('sim-gpt-4o-mini');
    expect(llm.responseModel).toBe('sim-gpt-4o-mini-2024-07-18');
    expect(llm.sessionId).toBe('ai-session-2');
    expect(llm.parameters.stream).toBe(true);
    expect(llm.inputMessages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(llm.outputMessages[0]!.content.length).toBeGreaterThan(0);
    expect(llm.finishReason).toBe('stop');
    expect(llm.usage.output).toBeGreaterThan(0);
    expect(llm.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
  });
});
