import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../start-simulator.js';
import { startSimulator } from '../start-simulator.js';
import { cosine } from './embed-text.js';

let sim: RunningSimulator;
let client: OpenAI;
beforeAll(async () => {
  sim = await startSimulator({ seed: 1 });
  client = new OpenAI({ baseURL: sim.baseURL, apiKey: 'sim', maxRetries: 0 });
});
afterAll(() => sim.close());

const embed = async (input: string | string[], dimensions?: number) =>
  (
    await client.embeddings.create({
      model: 'sim-embedding-small',
      input,
      ...(dimensions ? { dimensions } : {}),
    })
  ).data.map((d) => d.embedding);

describe('embeddings', () => {
  it('returns unit vectors of the default or requested size (base64 decoded by the client)', async () => {
    const [v] = await embed('refund policy for damaged items');
    expect(v).toHaveLength(256);
    expect(Math.hypot(...v!)).toBeCloseTo(1, 5);
    const [small] = await embed('refund policy', 64);
    expect(small).toHaveLength(64);
    const floats = await client.embeddings.create({
      model: 'sim-embedding-small',
      input: 'refund policy',
      dimensions: 64,
      encoding_format: 'float',
    });
    expect(floats.data[0]!.embedding[0]).toBeCloseTo(small![0]!, 6);
  });

  it('places similar texts closer than unrelated ones, deterministically', async () => {
    const [query, similar, unrelated] = await embed([
      'How long does a refund for a damaged item take?',
      'Refunds for damaged items take 14 days.',
      'The quarterly board meeting is scheduled in the Berlin office.',
    ]);
    expect(cosine(query!, similar!)).toBeGreaterThan(cosine(query!, unrelated!) + 0.2);
    const [again] = await embed('How long does a refund for a damaged item take?');
    expect(again).toEqual(query);
  });

  it.each(['markup', 'whitespace'] as const)(
    'loses similarity under a %s format change',
    async (change) => {
      const doc =
        'Refunds for damaged items are issued within 14 days of receiving the returned item.';
      const [query] = await embed('refund for damaged items');
      const [clean] = await embed(doc);
      sim.setConfig({
        rules: [
          {
            match: { route: 'embeddings', pattern: '^Refunds' },
            behavior: { embeddingFormatChange: change },
          },
        ],
      });
      try {
        const [mangled] = await embed(doc);
        const [queryAfter] = await embed('refund for damaged items');
        expect(queryAfter).toEqual(query);
        expect(cosine(query!, mangled!)).toBeLessThan(cosine(query!, clean!) - 0.15);
      } finally {
        sim.resetConfig();
      }
    },
  );

  it('rejects empty input naming the parameter', async () => {
    const error = await embed('').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('input');
  });
});
