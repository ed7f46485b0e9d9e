import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeasedBudgetLedger } from '@glassbox/core/guards';
import type { RunningSimulator } from '@glassbox/simulator';
import { startSimulator } from '@glassbox/simulator';
import { dropPostgresSchema, openStorage } from '@glassbox/store';
import type { RunningGateway } from '../src/index.js';
import { startGateway, validateGatewayConfig } from '../src/index.js';

const DATABASE_URL =
  process.env.GLASSBOX_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `gateway_budget_${process.pid}_${Date.now()}`;
const CAP_TOKENS = 4_000;
const BUCKET = 'project:default:total';

let sim: RunningSimulator;
const storages: Awaited<ReturnType<typeof openStorage>>[] = [];
const gateways: RunningGateway[] = [];

beforeAll(async () => {
  sim = await startSimulator({ seed: 5 });
  const config = validateGatewayConfig(
    {
      providers: [{ name: 'sim', baseUrl: sim.baseURL }],
      budgets: [{ scope: 'project', period: 'total', maxTokens: CAP_TOKENS }],
      guards: { budgetSlice: 0.25 },
    },
    [],
  );
  // Two replicas, each with its own connection to one database: the way two gateway
  // processes behind a load balancer share budgets.
  for (let i = 0; i < 2; i++) {
    const storage = await openStorage({ databaseUrl: DATABASE_URL, schema: SCHEMA });
    storages.push(storage);
    gateways.push(
      await startGateway({ config, env: {}, authenticate: null, stores: storage.guards }),
    );
  }
});
afterAll(async () => {
  await Promise.all(gateways.map((g) => g.close()));
  await Promise.all(storages.map((s) => s.close()));
  await dropPostgresSchema(DATABASE_URL, SCHEMA);
  await sim.close();
});

interface Answer {
  status: number;
  body: { usage?: { total_tokens: number }; error?: { code: string; message: string } };
}

async function ask(replica: number, n: number): Promise<Answer> {
  const res = await fetch(`${gateways[replica]!.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'gpt-4o-mini',
      max_tokens: 40,
      messages: [{ role: 'user', content: `Where is my order number ${n}?` }],
    }),
  });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

describe('budgets across two gateway replicas on one database', () => {
  it('spend from leased slices never passes the cap, touches the database per slice, and closes exactly', async () => {
    const ledgers = gateways.map((g) => g.runtime.stores.ledger as LeasedBudgetLedger);
    const sharedCalls = () => ledgers.reduce((sum, l) => sum + l.sharedCalls, 0);
    // Well within the cap, pairs of calls (one per replica): each slice serves many calls.
    const early: Answer[] = [];
    for (let i = 0; i < 10; i++) early.push(...(await Promise.all([ask(0, i), ask(1, i)])));
    expect(early.every((a) => a.status === 200)).toBe(true);
    expect(sharedCalls()).toBeLessThanOrEqual(early.length / 4);
    const metrics = await (await fetch(`${gateways[0]!.url}/metrics`)).text();
    expect(metrics).toContain(`glassbox_gateway_budget_ledger_calls ${ledgers[0]!.sharedCalls}\n`);
    // Then a burst past the cap on both replicas at once.
    const burst = await Promise.all(Array.from({ length: 100 }, (_, i) => ask(i % 2, 100 + i)));
    const answers = [...early, ...burst];
    const served = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 429);
    expect(served.length + refused.length).toBe(answers.length);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.body.error?.message).toContain(`Budget '${BUCKET}' exceeded`);
    const usedTokens = served.reduce((sum, a) => sum + a.body.usage!.total_tokens, 0);
    expect(usedTokens).toBeLessThanOrEqual(CAP_TOKENS);
    // While running, the database holds the slices: never more than the cap.
    const held = await storages[0]!.guards.ledger.spent(BUCKET);
    expect(held.tokens).toBeLessThanOrEqual(CAP_TOKENS);
    // Closing returns what each replica did not spend: the database then holds the exact spend.
    await Promise.all(gateways.map((g) => g.runtime.close()));
    expect((await storages[1]!.guards.ledger.spent(BUCKET)).tokens).toBe(usedTokens);
  });
});

describe('budget slice config', () => {
  it('refuses a slice outside (0, 1], naming the field', () => {
    expect(() =>
      validateGatewayConfig(
        {
          providers: [{ name: 'sim', baseUrl: 'http://127.0.0.1:1/v1' }],
          guards: { budgetSlice: 2 },
        },
        [],
      ),
    ).toThrow(/guards\.budgetSlice/);
  });
});
