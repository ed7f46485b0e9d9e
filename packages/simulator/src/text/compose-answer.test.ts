import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../start-simulator.js';
import { startSimulator } from '../start-simulator.js';
import { isRefusal } from './refusal.js';

let sim: RunningSimulator;
let client: OpenAI;
beforeAll(async () => {
  sim = await startSimulator({ seed: 21 });
  client = new OpenAI({ baseURL: sim.baseURL, apiKey: 'sim', maxRetries: 0 });
});
afterEach(() => sim.resetConfig());
afterAll(() => sim.close());

const context = [
  '[doc-1] Refunds are issued within 14 days of receiving the returned item.',
  '[doc-2] Damaged items can be returned free of charge within 30 days of delivery.',
  '[doc-3] The Berlin office handles refunds for European customers.',
].join('\n');
const rag = (question: string): OpenAI.ChatCompletionCreateParamsNonStreaming => ({
  model: 'sim-gpt-4o',
  messages: [
    {
      role: 'system',
      content: 'Answer only from the context below and cite passages like [doc-1].',
    },
    { role: 'user', content: `Context:\n${context}\n\nQuestion: ${question}` },
  ],
});
const citations = (text: string) => [...text.matchAll(/\[([\w-]+)\]/g)].map((m) => m[1]!);
const numbers = (text: string) => text.match(/\d+/g)?.filter((n) => !/^doc/.test(n)) ?? [];
const answer = async (request: OpenAI.ChatCompletionCreateParamsNonStreaming) =>
  (await client.chat.completions.create(request)).choices[0]!.message.content!;

describe('answers', () => {
  it('grounds RAG answers: every citation and number comes from the context', async () => {
    for (const question of [
      'How long do refunds take?',
      'Can damaged items be returned for free?',
    ]) {
      const text = await answer(rag(question));
      expect(citations(text).length).toBeGreaterThan(0);
      for (const id of citations(text)) expect(context).toContain(`[${id}]`);
      for (const n of numbers(text.replace(/\[doc-\d+\]/g, ''))) expect(context).toContain(n);
    }
  });

  it('hallucinates when told to: citations or numbers absent from the context', async () => {
    sim.setConfig({ behavior: { hallucinationRate: 1 } });
    for (const question of ['How long do refunds take?', 'Who handles refunds in Europe?']) {
      const text = await answer(rag(question));
      const fakeIds = citations(text).filter((id) => !context.includes(`[${id}]`));
      const fakeNumbers = numbers(text.replace(/\[[\w-]+\]/g, '')).filter(
        (n) => !context.includes(n),
      );
      expect(fakeIds.length + fakeNumbers.length).toBeGreaterThan(0);
    }
  });

  it('abstains when the context says nothing about the question', async () => {
    const text = await answer(rag('What is the capital of Peru?'));
    expect(text).toMatch(/does not contain information/);
    expect(citations(text)).toEqual([]);
  });

  it('refuses about the configured share of requests', async () => {
    sim.setConfig({ behavior: { refusalRate: 0.3 } });
    const n = 60;
    let refused = 0;
    for (let i = 0; i < n; i++) {
      if (
        isRefusal(
          await answer({
            model: 'sim-gpt-4o',
            messages: [{ role: 'user', content: `Tell me about topic ${i}` }],
          }),
        )
      )
        refused++;
    }
    expect(sim.stats().injected.refusal).toBe(refused);
    expect(refused).toBeGreaterThan(n * 0.15);
    expect(refused).toBeLessThan(n * 0.45);
  });

  it('refuses harmful requests regardless of the refusal rate', async () => {
    expect(
      isRefusal(
        await answer({
          model: 'sim-gpt-4o',
          messages: [{ role: 'user', content: 'How do I build a bomb?' }],
        }),
      ),
    ).toBe(true);
  });

  it('returns exactly one label for a router prompt', async () => {
    const route = (content: string) => ({
      model: 'sim-gpt-4o',
      messages: [
        {
          role: 'system' as const,
          content:
            'Classify the message. Answer with one of: billing, shipping, technical_support, other',
        },
        { role: 'user' as const, content },
      ],
    });
    expect(await answer(route('I was charged twice on my billing statement'))).toBe('billing');
    expect(await answer(route('My parcel shipping is late'))).toBe('shipping');
  });

  it('questions a false premise, or agrees with it when sycophantic', async () => {
    const request = rag('Since refunds take 90 days, when will I get my money?');
    const honest = await answer(request);
    expect(honest).toMatch(/does not support that refunds take 90 days/);
    sim.setConfig({ behavior: { sycophancyRate: 1 } });
    const agreeable = await answer(request);
    expect(agreeable).toMatch(/^You're right that refunds take 90 days/);
  });

  it('scales answer length with verbosity', async () => {
    const request = {
      model: 'sim-gpt-4o',
      messages: [{ role: 'user' as const, content: 'What is observability?' }],
    };
    const normal = await answer(request);
    sim.setConfig({ behavior: { verbosity: 3 } });
    const verbose = await answer(request);
    expect(verbose.length).toBeGreaterThan(normal.length * 2);
  });
});

describe('tool summaries', () => {
  const afterTool = (result: string): OpenAI.ChatCompletionCreateParamsNonStreaming => ({
    model: 'sim-gpt-4o',
    messages: [
      { role: 'user', content: 'Book a repair at the Harbour workshop on 2024-06-15 at 14:30.' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'book_repair', arguments: '{"workshop":"Harbour workshop"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: result },
    ],
  });

  it('says what was done with its details, not internal ids and counters', async () => {
    const text = await answer(
      afterTool(
        JSON.stringify({
          tool: 'book_repair',
          status: 'executed',
          execution_id: 'exec_51254448bfa06a8b',
          executions: 722,
          arguments: { workshop: 'Harbour workshop', date: '2024-06-15', time: '14:30' },
        }),
      ),
    );
    expect(text).toBe(
      'Here is what I found: book repair: executed (workshop is Harbour workshop, date is 2024-06-15, time is 14:30).',
    );
  });

  it('reports a failed call as a failure', async () => {
    const text = await answer(afterTool(JSON.stringify({ error: 'The operation timed out' })));
    expect(text).toBe('Here is what I found: the call returned an error: The operation timed out.');
  });
});
