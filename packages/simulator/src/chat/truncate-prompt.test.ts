import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../start-simulator.js';
import { startSimulator } from '../start-simulator.js';

let sim: RunningSimulator;
let client: OpenAI;
beforeAll(async () => {
  sim = await startSimulator({ seed: 2, config: { behavior: { contextWindow: 120 } } });
  client = new OpenAI({ baseURL: sim.baseURL, apiKey: 'sim', maxRetries: 0 });
});
afterAll(() => sim.close());

const context = [
  '[doc-1] The warranty covers battery failures for 24 months after purchase.',
  '[doc-2] Screen damage caused by drops is not covered by the warranty.',
  '[doc-3] Claims are filed through the support portal with the order number.',
].join('\n');
const messages: OpenAI.ChatCompletionMessageParam[] = [
  {
    role: 'system',
    content: `Answer only from the context and cite it.\n${context}\n${'Be concise and precise. '.repeat(12)}`,
  },
  { role: 'user', content: 'How long does the warranty cover battery failures?' },
];

describe('context window', () => {
  it('rejects an over-long prompt with 400 context_length_exceeded', async () => {
    const error = await client.chat.completions
      .create({ model: 'sim-gpt-4o', messages })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    const bad = error as InstanceType<typeof OpenAI.BadRequestError>;
    expect(bad.code).toBe('context_length_exceeded');
    expect(bad.type).toBe('invalid_request_error');
    expect(bad.message).toMatch(/maximum context length is 120 tokens/);
  });

  it('silently drops the system prompt first when told to truncate', async () => {
    sim.setConfig({ behavior: { contextOverflow: 'truncate', contextWindow: 10_000 } });
    const full = await client.chat.completions.create({ model: 'sim-gpt-4o', messages });
    expect(full.choices[0]!.message.content).toContain('[doc-1]');
    sim.setConfig({ behavior: { contextWindow: 120 } });
    const truncated = await client.chat.completions
      .create({ model: 'sim-gpt-4o', messages })
      .withResponse();
    const content = truncated.data.choices[0]!.message.content!;
    expect(truncated.response.status).toBe(200);
    expect(truncated.data.usage!.prompt_tokens).toBeLessThan(full.usage!.prompt_tokens);
    expect(truncated.data.usage!.prompt_tokens).toBeLessThanOrEqual(120);
    expect(content).not.toMatch(/\[doc-\d\]/);
    expect(content).not.toContain('24 months');
    expect(truncated.response.headers.get('x-sim-ground-truth')).toContain('prompt-truncated');
  });
});
