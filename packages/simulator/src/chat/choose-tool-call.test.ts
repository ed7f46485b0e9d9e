import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAgainstSchema } from '../json/check-against-schema.js';
import type { RunningSimulator } from '../start-simulator.js';
import { startSimulator } from '../start-simulator.js';
import type { JsonSchema } from './chat-types.js';

let sim: RunningSimulator;
let client: OpenAI;
beforeAll(async () => {
  sim = await startSimulator({ seed: 5 });
  client = new OpenAI({ baseURL: sim.baseURL, apiKey: 'sim', maxRetries: 0 });
});
afterAll(() => sim.close());

const weatherSchema: JsonSchema = {
  type: 'object',
  properties: {
    city: { type: 'string' },
    unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
    days: { type: 'integer', minimum: 1, maximum: 7 },
  },
  required: ['city', 'unit', 'days'],
  additionalProperties: false,
};
const tools: OpenAI.ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Weather forecast for a city',
      parameters: weatherSchema,
    },
  },
  {
    type: 'function',
    function: {
      name: 'search_orders',
      description: 'Find a customer order by id',
      parameters: {
        type: 'object',
        properties: { order_id: { type: 'string' } },
        required: ['order_id'],
      },
    },
  },
];
const question = 'What is the weather forecast in Lisbon for 3 days, in fahrenheit?';

describe('tool calls', () => {
  it('calls the matching tool with arguments valid against its schema', async () => {
    const result = await client.chat.completions.create({
      model: 'sim-gpt-4o',
      messages: [{ role: 'user', content: question }],
      tools,
    });
    const choice = result.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    const call = choice.message.tool_calls![0]!;
    expect(call.type === 'function' && call.function.name).toBe('get_weather');
    const args = JSON.parse(call.type === 'function' ? call.function.arguments : '') as unknown;
    expect(checkAgainstSchema(args, weatherSchema)).toEqual([]);
    expect(args).toEqual({ city: 'Lisbon', unit: 'fahrenheit', days: 3 });
    expect(sim.stats().toolCallsIssued.get_weather).toBeGreaterThanOrEqual(1);
  });

  it('streams tool call deltas that reassemble to the same call', async () => {
    const stream = await client.chat.completions.create({
      model: 'sim-gpt-4o',
      messages: [{ role: 'user', content: 'Where is my order A-1234?' }],
      tools,
      stream: true,
    });
    let name = '';
    let args = '';
    let finish: string | null = null;
    let deltas = 0;
    for await (const chunk of stream) {
      for (const call of chunk.choices[0]?.delta.tool_calls ?? []) {
        deltas++;
        name += call.function?.name ?? '';
        args += call.function?.arguments ?? '';
      }
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(deltas).toBeGreaterThan(1);
    expect(name).toBe('search_orders');
    expect(JSON.parse(args)).toEqual({ order_id: 'A-1234' });
    expect(finish).toBe('tool_calls');
  });

  it('answers from the tool result once it arrives, and honours tool_choice', async () => {
    const result = await client.chat.completions.create({
      model: 'sim-gpt-4o',
      tools,
      messages: [
        { role: 'user', content: question },
        {
          role: 'assistant',
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } },
          ],
        },
        {
          role: 'tool',
          tool_call_id: 'call_1',
          content: '{"temperature": 71, "condition": "sunny"}',
        },
      ],
    });
    expect(result.choices[0]!.finish_reason).toBe('stop');
    expect(result.choices[0]!.message.content).toContain('temperature is 71');

    const none = await client.chat.completions.create({
      model: 'sim-gpt-4o',
      messages: [{ role: 'user', content: question }],
      tools,
      tool_choice: 'none',
    });
    expect(none.choices[0]!.message.tool_calls).toBeUndefined();
    const forced = await client.chat.completions.create({
      model: 'sim-gpt-4o',
      messages: [{ role: 'user', content: 'hello' }],
      tools,
      tool_choice: { type: 'function', function: { name: 'search_orders' } },
    });
    const call = forced.choices[0]!.message.tool_calls![0]!;
    expect(call.type === 'function' && call.function.name).toBe('search_orders');
  });
});

describe('JSON mode', () => {
  const schema: JsonSchema = {
    type: 'object',
    properties: {
      answer: { type: 'string' },
      confidence: { type: 'number', minimum: 0, maximum: 1 },
      tags: { type: 'array', items: { type: 'string' } },
    },
    required: ['answer', 'confidence', 'tags'],
    additionalProperties: false,
  };
  const request = (content: string): OpenAI.ChatCompletionCreateParamsNonStreaming => ({
    model: 'sim-gpt-4o',
    messages: [{ role: 'user', content }],
    response_format: { type: 'json_schema', json_schema: { name: 'reply', schema, strict: true } },
  });

  it('returns JSON valid against a json_schema and an object for json_object', async () => {
    const result = await client.chat.completions.create(request('Explain what an index is'));
    expect(checkAgainstSchema(JSON.parse(result.choices[0]!.message.content!), schema)).toEqual([]);
    const object = await client.chat.completions.create({
      model: 'sim-gpt-4o',
      messages: [
        {
          role: 'user',
          content: 'Reply in JSON like {"sentiment": "positive", "score": 0.9}: I love it',
        },
      ],
      response_format: { type: 'json_object' },
    });
    expect(Object.keys(JSON.parse(object.choices[0]!.message.content!) as object)).toEqual([
      'sentiment',
      'score',
    ]);
  });

  it('requires the word json for json_object, like OpenAI', async () => {
    const error = await client.chat.completions
      .create({
        model: 'sim-gpt-4o',
        messages: [{ role: 'user', content: 'hi' }],
        response_format: { type: 'json_object' },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
  });

  it('breaks the format on about the configured share of answers', async () => {
    sim.setConfig({ behavior: { formatComplianceRate: 0.5 } });
    try {
      let broken = 0;
      const n = 40;
      for (let i = 0; i < n; i++) {
        const result = await client.chat.completions.create(request(`Explain topic number ${i}`));
        try {
          if (
            checkAgainstSchema(JSON.parse(result.choices[0]!.message.content!), schema).length > 0
          )
            broken++;
        } catch {
          broken++;
        }
      }
      expect(broken).toBeGreaterThan(n * 0.25);
      expect(broken).toBeLessThan(n * 0.75);
    } finally {
      sim.resetConfig();
    }
  });
});
