import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuardError, LoopGuard } from '@glassbox/core/guards';
import { checkContextBudget, mapReduceDocument } from '@glassbox/sdk';
import type { RunningSimulator } from '@glassbox/simulator';
import {
  AppRunError,
  BookingAgent,
  HandoffAgents,
  scenarioModels,
  startSimulator,
} from '@glassbox/simulator';
import type { RunningGateway } from '../src/index.js';
import { startGateway, validateGatewayConfig } from '../src/index.js';
import { chat } from './support/raw-client.js';

let sim: RunningSimulator;
let gateway: RunningGateway;
let openai: OpenAI;

beforeAll(async () => {
  sim = await startSimulator({ seed: 2, config: { models: scenarioModels() } });
  gateway = await startGateway({
    config: validateGatewayConfig({ providers: [{ name: 'sim', baseUrl: sim.baseURL }] }, []),
    env: {},
    authenticate: null,
  });
  // The apps' model calls go through the gateway, as an app with OPENAI_BASE_URL set would.
  openai = new OpenAI({ baseURL: gateway.baseURL, apiKey: 'unused', maxRetries: 0 });
});
afterAll(async () => {
  await gateway.close();
  await sim.close();
});

const SLOW_BOOKINGS = {
  rules: [
    {
      name: 'booking answers after the client timeout',
      match: { route: 'tools' as const, tool: 'book_repair' },
      behavior: { lateResponse: { rate: 1, delayMs: 400 } },
    },
  ],
};

describe('case study: a booking timeout retried four times', () => {
  const request = 'Book a repair at the Harbour workshop on 2024-06-15 at 14:30.';

  it('without the guard, each timeout retry books another room', async () => {
    sim.setConfig(SLOW_BOOKINGS);
    const before = sim.stats().processed.byTool.book_repair ?? 0;
    const agent = new BookingAgent(openai, sim.url, {
      toolTimeoutMs: 150,
      toolRetries: 3,
      idempotencyKeys: true,
    });
    await agent.handle(request);
    expect((sim.stats().processed.byTool.book_repair ?? 0) - before).toBe(4);
  });

  it('with the idempotent-tool guard and a response-side timeout, exactly one room is booked', async () => {
    sim.setConfig(SLOW_BOOKINGS);
    const before = sim.stats().processed.byTool.book_repair ?? 0;
    const agent = new BookingAgent(openai, sim.url, {
      toolTimeoutMs: 150,
      toolRetries: 3,
      idempotencyKeys: true,
      statusCheckOnTimeout: true,
    });
    const result = await agent.handle(request);
    expect((sim.stats().processed.byTool.book_repair ?? 0) - before).toBe(1);
    expect(result.toolCalls).toEqual(['book_repair']);
    expect(result.answer).toMatch(/executed/); // the answer is built from the booking, found by the status check
  });
});

describe('case study: two agents handing a request back and forth', () => {
  it('the loop guard stops the ping-pong long before the turn limit', async () => {
    sim.setConfig({ rules: [] });
    const before = sim.stats().requests.total;
    const agents = new HandoffAgents(openai, {
      bookingPromptVersion: 'booking-v3',
      maxTurns: 50,
      loopGuard: new LoopGuard({ pingPongCycles: 3 }),
    });
    const error = await agents
      .handle('Can my membership cover a brake repair?')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppRunError);
    expect((error as AppRunError).cause).toBeInstanceOf(GuardError);
    expect(((error as AppRunError).cause as GuardError).code).toBe('ping_pong_detected');
    expect(sim.stats().requests.total - before).toBe(5); // the 6th hand-off is refused before its model call
  });

  it('a healthy hand-off is not stopped', async () => {
    const agents = new HandoffAgents(openai, { loopGuard: new LoopGuard({ pingPongCycles: 3 }) });
    expect((await agents.handle('Can my membership cover a brake repair?')).turns).toBe(2);
  });
});

describe('case study: a 150K-token document', () => {
  const clause = (i: number) =>
    `Clause ${i}: the customer may return the appliance within thirty days of delivery for a full refund. `;
  const document = Array.from({ length: 7_300 }, (_, i) => clause(i)).join('');
  const system = 'You summarise contracts.';

  it('is really about 150K tokens, past gpt-4o-mini’s 128K window', async () => {
    const { countTokens } = await import('gpt-tokenizer/encoding/o200k_base');
    expect(countTokens(document)).toBeGreaterThan(150_000);
  });

  it('fails loudly before any call, naming every part', async () => {
    const before = sim.stats().requests.total;
    const error = await checkContextBudget({
      model: 'gpt-4o-mini',
      outputReserve: 2_000,
      fixed: { system },
      variable: { document },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GuardError);
    expect((error as Error).message).toMatch(
      /system=\d+ \+ document=1\d\d,\d{3} \+ output reserve 2,000 > 128,000 \(gpt-4o-mini\)/,
    );
    expect(sim.stats().requests.total).toBe(before);
    // The gateway refuses it the same way instead of letting a provider truncate it.
    const view = await chat(gateway.baseURL, {
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: document },
      ],
    });
    expect(view.errorCode).toBe('context_budget_exceeded');
    expect(sim.stats().requests.total).toBe(before);
  });

  it('or map-reduces: every chunk fits, nothing is truncated, every clause is read', async () => {
    sim.setConfig({ behavior: { contextOverflow: 'truncate' } }); // a provider that would truncate silently
    const before = sim.stats().recent.length;
    const seen: string[] = [];
    const { result, chunks } = await mapReduceDocument<string>({
      model: 'gpt-4o-mini',
      // The simulated provider's approximate tokenizer counts this text 1.34 times higher
      // than o200k_base, so the app budgets for the provider it actually has.
      contextWindow: 90_000,
      outputReserve: 2_000,
      fixed: { system },
      variable: { document },
      map: async (chunk) => {
        seen.push(chunk);
        const res = await openai.chat.completions.create({
          model: 'gpt-4o-mini',
          max_tokens: 2_000,
          messages: [
            { role: 'system', content: system },
            { role: 'user', content: chunk },
          ],
        });
        return res.choices[0]!.message.content ?? '';
      },
      reduce: async (parts) => {
        const res = await openai.chat.completions.create({
          model: 'gpt-4o-mini',
          messages: [
            { role: 'system', content: system },
            { role: 'user', content: parts.join('\n') },
          ],
        });
        return res.choices[0]!.message.content ?? '';
      },
    });
    expect(chunks).toBe(2);
    expect(result.length).toBeGreaterThan(0);
    expect(seen.join('')).toBe(document);
    const calls = sim.stats().recent.slice(before);
    expect(calls).toHaveLength(3);
    expect(calls.flatMap((c) => c.groundTruth)).not.toContain('prompt-truncated');
    sim.resetConfig();
  });
});
