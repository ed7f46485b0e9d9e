import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from './start-simulator.js';
import { startSimulator } from './start-simulator.js';

let sim: RunningSimulator;
let client: OpenAI;
const ask = (content: string) => ({
  model: 'sim-gpt-4o',
  messages: [{ role: 'user' as const, content }],
});

beforeAll(async () => {
  sim = await startSimulator({ seed: 11 });
  client = new OpenAI({ baseURL: sim.baseURL, apiKey: 'sim', maxRetries: 0 });
});
afterAll(() => sim.close());

describe('startSimulator', () => {
  it('answers a plain completion in OpenAI shape with usage and a request id', async () => {
    const { data, response } = await client.chat.completions
      .create(ask('How do I configure retries for the HTTP client?'))
      .withResponse();
    expect(response.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
    expect(data.object).toBe('chat.completion');
    expect(data.model).toBe('sim-gpt-4o-2024-08-06');
    expect(data.system_fingerprint).toMatch(/^fp_/);
    const choice = data.choices[0]!;
    expect(choice.finish_reason).toBe('stop');
    expect(choice.message.content).toMatch(/retries/);
    expect(data.usage!.total_tokens).toBe(
      data.usage!.prompt_tokens + data.usage!.completion_tokens,
    );
    expect(data.usage!.prompt_tokens_details?.cached_tokens).toBe(0);
  });

  it('streams SSE chunks that add up to the plain answer, with usage last', async () => {
    const request = ask('Why is the sky blue during the day?');
    const plain = await client.chat.completions.create(request);
    const stream = await client.chat.completions.create({
      ...request,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | undefined;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(chunks).toBeGreaterThan(3);
    expect(text).toBe(plain.choices[0]!.message.content);
    expect(finish).toBe('stop');
    expect(usage).toEqual(plain.usage);
  });

  it('cuts the answer at max_tokens with finish_reason length', async () => {
    const result = await client.chat.completions.create({
      ...ask('Explain how caching works'),
      max_tokens: 5,
    });
    expect(result.choices[0]!.finish_reason).toBe('length');
    expect(result.usage!.completion_tokens).toBeLessThanOrEqual(5);
  });

  it('lists its models and rejects a bad request naming the parameter', async () => {
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toContain('sim-gpt-4o');
    const error = await client.chat.completions
      .create({ model: 'sim-gpt-4o', messages: [] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('messages');
  });

  it('is deterministic under a seed and differs across seeds', async () => {
    const request = { ...ask('What is a vector database used for?'), n: 3 };
    const first = await client.chat.completions.create(request);
    const again = await client.chat.completions.create(request);
    expect(again.choices.map((c) => c.message.content)).toEqual(
      first.choices.map((c) => c.message.content),
    );
    const other = await startSimulator({ seed: 12 });
    try {
      const otherClient = new OpenAI({ baseURL: other.baseURL, apiKey: 'sim', maxRetries: 0 });
      const differs = await otherClient.chat.completions.create(request);
      expect(differs.choices.map((c) => c.message.content)).not.toEqual(
        first.choices.map((c) => c.message.content),
      );
    } finally {
      await other.close();
    }
  });

  it('varies identical requests when the request counter is mixed in', async () => {
    sim.setConfig({ varyByRequestCounter: true });
    try {
      const request = { ...ask('Tell me about distributed tracing'), n: 2 };
      const outputs = new Set<string>();
      for (let i = 0; i < 4; i++) {
        const r = await client.chat.completions.create(request);
        outputs.add(JSON.stringify(r.choices.map((c) => c.message.content)));
      }
      expect(outputs.size).toBeGreaterThan(1);
    } finally {
      sim.resetConfig();
    }
  });

  it('reports a changed model version when told to', async () => {
    sim.setConfig({
      rules: [
        { match: { model: 'sim-gpt-4o' }, behavior: { returnedModel: 'sim-gpt-4o-2024-11-20' } },
      ],
    });
    try {
      const changed = await client.chat.completions.create(ask('Hello there'));
      expect(changed.model).toBe('sim-gpt-4o-2024-11-20');
      const other = await client.chat.completions.create({
        ...ask('Hello there'),
        model: 'sim-gpt-4o-mini',
      });
      expect(other.model).toBe('sim-gpt-4o-mini-2024-07-18');
    } finally {
      sim.resetConfig();
    }
    expect((await client.chat.completions.create(ask('Hello there'))).model).toBe(
      'sim-gpt-4o-2024-08-06',
    );
  });

  it('reports cost with the configured multiplier', async () => {
    const base = await client.chat.completions
      .create(ask('Summarise the release notes'))
      .withResponse();
    sim.setConfig({ behavior: { costMultiplier: 3 } });
    try {
      const tripled = await client.chat.completions
        .create(ask('Summarise the release notes'))
        .withResponse();
      const cost = (r: typeof base) => Number(r.response.headers.get('x-sim-cost-usd'));
      expect(cost(base)).toBeGreaterThan(0);
      expect(cost(tripled)).toBeCloseTo(cost(base) * 3, 10);
    } finally {
      sim.resetConfig();
    }
  });
});
