import {
  init,
  instrumentOpenAI,
  trace,
  traceRetrieval,
  traceToolCall,
  withSession,
  withVersions,
  type GlassboxHandle,
} from '@glassbox/sdk';
import { createMemoryStorage } from '@glassbox/store';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onlySpan, startHarness, type CompatHarness } from './compat-harness.js';
import { SYSTEM_PROMPT, WEATHER_QUESTION, WEATHER_TOOL } from './compat-requests.js';

let harness: CompatHarness;
let glassbox: GlassboxHandle;
let apiKey: string;
let client: OpenAI;
const errors: string[] = [];

beforeAll(async () => {
  const storage = createMemoryStorage();
  const project = await storage.projects.ensureProject('sdk-compat');
  apiKey = (await storage.projects.createApiKey(project.id)).key;
  harness = await startHarness({ storage, apiKey });
  glassbox = init({
    endpoint: harness.server.url,
    apiKey,
    serviceName: 'sdk-app',
    versions: { prompt: 'v3', agent: 'support-2' },
    onError: (error) => errors.push(`${error.code}: ${error.message}`),
    env: {},
  });
  client = instrumentOpenAI(
    new OpenAI({ baseURL: harness.sim.baseURL, apiKey: 'sim', maxRetries: 0 }),
  );
});

afterAll(async () => {
  await glassbox.shutdown();
  await harness.close();
});

/** A RAG step, a tool round trip and an answer, the way an application would trace them. */
async function answer(question: string): Promise<string> {
  return trace(
    'answer',
    async (root) => {
      const documents = await traceRetrieval(
        { query: question, dataSource: 'kb', indexVersion: 'idx-7', topK: 2 },
        async () => [
          { id: 'kb-12', content: 'Refunds take 5 business days.', score: 0.93 },
          { id: 'kb-40', content: 'Weather data comes from a partner.', score: 0.41 },
        ],
      );
      const messages: OpenAI.ChatCompletionMessageParam[] = [
        { role: 'system', content: `${SYSTEM_PROMPT}\n${documents[0]!.content}` },
        { role: 'user', content: question },
      ];
      const first = await client.chat.completions.create({
        model: 'sim-gpt-4o',
        messages,
        tools: [WEATHER_TOOL],
      });
      const call = first.choices[0]!.message.tool_calls![0]!;
      if (call.type !== 'function') throw new Error('expected a function call');
      const result = await traceToolCall(
        { name: call.function.name, arguments: call.function.arguments, callId: call.id },
        async () => ({ forecast: 'sunny, 24C' }),
      );
      messages.push(first.choices[0]!.message, {
        role: 'tool',
        tool_call_id: call.id,
        content: JSON.stringify(result),
      });
      const second = await client.chat.completions.create({ model: 'sim-gpt-4o', messages });
      void root;
      return second.choices[0]!.message.content ?? '';
    },
    { input: question },
  );
}

describe('@glassbox/sdk -> Glassbox', () => {
  it('stores the whole step tree with session, versions, messages, tools and documents', async () => {
    await withSession('sdk-session-1', () => answer(WEATHER_QUESTION));
    await glassbox.flush();
    expect(errors).toEqual([]);

    const [summary] = await harness.listTraces({ sessionId: 'sdk-session-1' });
    expect(summary).toBeDefined();
    expect(summary!.versions).toMatchObject({ prompt: 'v3', agent: 'support-2', index: 'idx-7' });
    const detail = await harness.getTrace(summary!.traceId);

    const retrieval = onlySpan(detail, (s) => s.kind === 'retriever');
    expect(retrieval.retrievalQuery).toBe(WEATHER_QUESTION);
    expect(retrieval.documents.map((d) => [d.id, d.score])).toEqual([
      ['kb-12', 0.93],
      ['kb-40', 0.41],
    ]);

    const llms = detail.spans.filter((s) => s.kind === 'llm');
    expect(llms).toHaveLength(2);
    const [first, second] = llms as [(typeof llms)[0], (typeof llms)[0]];
    expect(first.requestModel).toBe('sim-gpt-4o');
    expect(first.responseModel).toBe('sim-gpt-4o-2024-08-06');
    expect(first.provider).toBe('openai');
    expect(first.sessionId).toBe('sdk-session-1');
    expect(first.inputMessages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(first.inputMessages[0]!.content).toContain(SYSTEM_PROMPT);
    expect(first.finishReason).toBe('tool_calls');
    const call = first.outputMessages[0]!.toolCalls![0]!;
    expect(call.name).toBe('get_weather');
    expect(first.toolDefinitions.map((t) => t.name)).toEqual(['get_weather']);
    expect(first.usage.input).toBeGreaterThan(0);
    expect(first.versions).toMatchObject({ prompt: 'v3', agent: 'support-2' });

    const tool = onlySpan(detail, (s) => s.kind === 'tool');
    expect(tool.tool).toMatchObject({ name: 'get_weather', callId: call.id });
    expect(JSON.parse(tool.tool!.result!)).toEqual({ forecast: 'sunny, 24C' });

    expect(second.inputMessages.map((m) => m.role)).toEqual([
      'system',
      'user',
      'assistant',
      'tool',
    ]);
    expect(second.inputMessages[3]!.toolCallId).toBe(call.id);
    expect(second.finishReason).toBe('stop');
    expect(second.outputMessages[0]!.content.length).toBeGreaterThan(0);
  });

  it('filters traces by version snapshot', async () => {
    await withSession('sdk-session-2', () =>
      withVersions({ prompt: 'v4' }, () => answer(`${WEATHER_QUESTION} Tomorrow?`)),
    );
    await glassbox.flush();
    const v3 = await harness.listTraces({ version: 'prompt:v3' });
    const v4 = await harness.listTraces({ version: 'prompt:v4' });
    expect(v3.map((t) => t.sessionId)).toContain('sdk-session-1');
    expect(v3.map((t) => t.sessionId)).not.toContain('sdk-session-2');
    expect(v4.map((t) => t.sessionId)).toEqual(['sdk-session-2']);
    expect(await harness.listTraces({ version: 'prompt:v2' })).toEqual([]);
  });

  it('records its own estimate of the prompt tokens it sent', async () => {
    await withSession('sdk-session-3', () =>
      client.chat.completions.create({
        model: 'sim-gpt-4o-mini',
        messages: [
          { role: 'system', content: SYSTEM_PROMPT },
          { role: 'user', content: 'How long do refunds take?' },
        ],
      }),
    );
    await glassbox.flush();
    const [summary] = await harness.listTraces({ sessionId: 'sdk-session-3' });
    const llm = onlySpan(await harness.getTrace(summary!.traceId), (s) => s.kind === 'llm');
    const sent = llm.attributes['glassbox.input.tokens_sent'] as number;
    expect(sent).toBeGreaterThan(0);
    // A chars/4 estimate lands near the provider's own count for an untruncated prompt.
    expect(sent / llm.usage.input!).toBeGreaterThan(0.5);
    expect(sent / llm.usage.input!).toBeLessThan(2);
  });

  it('sends the API key: a client without it is refused and stores nothing', async () => {
    const refused: string[] = [];
    const withoutKey = init({
      endpoint: harness.server.url,
      serviceName: 'keyless-app',
      onError: (error) => refused.push(error.code),
      env: {},
    });
    await withSession('sdk-keyless', () => trace('keyless', () => 'ok'));
    await withoutKey.flush();
    await withoutKey.shutdown();
    expect(refused.length).toBeGreaterThan(0);
    expect(await harness.listTraces({ sessionId: 'sdk-keyless' })).toEqual([]);
    // The active SDK was replaced by the keyless one; put the configured one back.
    glassbox = init({
      endpoint: harness.server.url,
      apiKey,
      serviceName: 'sdk-app',
      versions: { prompt: 'v3' },
      env: {},
    });
  });
});
