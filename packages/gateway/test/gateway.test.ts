import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '@glassbox/simulator';
import { startSimulator } from '@glassbox/simulator';
import type { RunningGateway } from '../src/index.js';
import {
  GatewayConfigError,
  parseGatewayConfig,
  startGateway,
  validateGatewayConfig,
} from '../src/index.js';
import { chat } from './support/raw-client.js';
import { startOtlpCollector } from './support/otlp-collector.js';

const MODEL = 'gpt-4o-mini';
const ask = (content: string, extra: Record<string, unknown> = {}) => ({
  model: MODEL,
  temperature: 0,
  messages: [{ role: 'user' as const, content }],
  ...extra,
});

let sim: RunningSimulator;
let collector: Awaited<ReturnType<typeof startOtlpCollector>>;
let gateway: RunningGateway;
const KEYS: Record<string, { project: string; keyId: string }> = {
  gbx_acme: { project: 'acme', keyId: 'k-acme' },
  gbx_globex: { project: 'globex', keyId: 'k-globex' },
};

beforeAll(async () => {
  sim = await startSimulator({ seed: 3 });
  collector = await startOtlpCollector();
  const config = validateGatewayConfig(
    {
      providers: [
        {
          name: 'sim',
          baseUrl: sim.baseURL,
          apiKeyEnv: 'SIM_UPSTREAM_KEY',
          headers: { 'x-team': 'support' },
          timeouts: { requestMs: 2000, firstTokenMs: 500, idleMs: 300 },
        },
      ],
      budgets: [{ scope: 'user', period: 'day', maxUsd: 0.0005 }],
      cache: { exact: { enabled: true } },
      guards: { loop: { maxSteps: 3 } },
      glassboxUrl: collector.url,
    },
    [],
  );
  gateway = await startGateway({
    config,
    env: { SIM_UPSTREAM_KEY: 'sk-upstream-secret' },
    authenticate: (key) => Promise.resolve(KEYS[key]),
  });
});
afterAll(async () => {
  await gateway.close();
  await sim.close();
  await collector.close();
});
beforeEach(() => sim.resetConfig());

const auth = (key = 'gbx_acme') => ({ authorization: `Bearer ${key}` });

describe('glassbox gateway', () => {
  it('answers the official openai client, streaming and not, and never leaks the upstream key', async () => {
    const client = new OpenAI({ baseURL: gateway.baseURL, apiKey: 'gbx_acme' });
    const plain = await client.chat.completions.create(ask('What is covered by the warranty?'));
    const stream = await client.chat.completions.create({
      ...ask('What is covered by the warranty?'),
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe(plain.choices[0]!.message.content);
    const raw = await fetch(`${gateway.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify(ask('hello there')),
    });
    const body = await raw.text();
    expect(raw.headers.get('x-request-id')).toMatch(/^req_/); // upstream headers pass through
    expect(JSON.stringify([...raw.headers]) + body).not.toContain('sk-upstream-secret');
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toContain('sim-gpt-4o');
  });

  it('refuses callers without a valid Glassbox key', async () => {
    expect((await chat(gateway.baseURL, ask('hi'))).status).toBe(401);
    expect((await chat(gateway.baseURL, ask('hi'), auth('gbx_nope'))).errorCode).toBe(
      'unauthorized',
    );
  });

  it('ends an unrecoverable broken stream with an error, never with [DONE]', async () => {
    sim.setConfig({ behavior: { streamFault: { kind: 'cut', afterChunks: 5, rate: 1 } } });
    const view = await chat(
      gateway.baseURL,
      ask('Tell me about repair times', { stream: true }),
      auth(),
    );
    expect(view.sawDone).toBe(false);
    expect(view.success).toBe(false);
    expect(view.errorCode).toBe('stream_incomplete');
    const client = new OpenAI({ baseURL: gateway.baseURL, apiKey: 'gbx_acme', maxRetries: 0 });
    await expect(
      (async () => {
        for await (const _ of await client.chat.completions.create({
          ...ask('Tell me about repair times'),
          stream: true,
        }))
          void _;
      })(),
    ).rejects.toThrow(/broke/);
  });

  it('idempotency keys: replay a completed request, 409 while in flight, 422 on another payload', async () => {
    const key = { ...auth(), 'idempotency-key': `idem-${Date.now()}` };
    const first = await chat(gateway.baseURL, ask('Book me a slot'), key);
    const again = await chat(gateway.baseURL, ask('Book me a slot'), key);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await chat(gateway.baseURL, ask('Book another slot'), key)).status).toBe(422);
    sim.setConfig({ behavior: { latency: { medianMs: 400, p95Ms: 400 } } });
    const slowKey = { ...auth(), 'idempotency-key': `slow-${Date.now()}` };
    const inFlight = chat(gateway.baseURL, ask('slow one'), slowKey);
    await new Promise((r) => setTimeout(r, 100));
    expect((await chat(gateway.baseURL, ask('slow one'), slowKey)).status).toBe(409);
    expect((await inFlight).success).toBe(true);
  });

  it('exact cache: a hit is marked, Cache-Control: no-cache goes upstream, tenants never share', async () => {
    const before = sim.stats().requests.total;
    await chat(gateway.baseURL, ask('cache me'), auth());
    const hit = await chat(gateway.baseURL, ask('cache me'), auth());
    expect(hit.headers.get('x-glassbox-cache')).toBe('hit-exact');
    expect(sim.stats().requests.total).toBe(before + 1);
    await chat(gateway.baseURL, ask('cache me'), { ...auth(), 'cache-control': 'no-cache' });
    const other = await chat(gateway.baseURL, ask('cache me'), auth('gbx_globex'));
    expect(other.headers.get('x-glassbox-cache')).toBeNull();
    expect(sim.stats().requests.total).toBe(before + 3);
  });

  it('budgets: a clear 429 naming the budget once the cap would be passed', async () => {
    const user = { ...auth(), 'x-glassbox-user': `u-${Date.now()}`, 'cache-control': 'no-store' };
    const small = ask('short question', { max_tokens: 50 });
    const ok = await chat(gateway.baseURL, small, user);
    expect(ok.success).toBe(true);
    let refused = ok;
    for (let i = 0; i < 20 && refused.status === 200; i++)
      refused = await chat(gateway.baseURL, ask(`question ${i}`, { max_tokens: 200 }), user);
    expect(refused.status).toBe(429);
    expect(refused.errorCode).toBe('budget_exceeded');
    expect(refused.errorMessage).toMatch(/Budget 'user:u-\d+:\d{4}-\d{2}-\d{2}' exceeded/);
  });

  it('context budget: a prompt over the window fails loudly with each part counted, nothing sent upstream', async () => {
    const before = sim.stats().requests.total;
    const huge = 'The warranty covers parts. '.repeat(30_000);
    const view = await chat(
      gateway.baseURL,
      {
        model: 'gpt-4o',
        messages: [
          { role: 'system', content: 'Answer.' },
          { role: 'user', content: huge },
        ],
      },
      auth(),
    );
    expect(view.status).toBe(400);
    expect(view.errorCode).toBe('context_budget_exceeded');
    expect(view.errorMessage).toMatch(
      /system=\d+ \+ tools=0 \+ messages=1\d\d,\d{3} \+ output reserve 4,096 > 128,000 \(gpt-4o\)/,
    );
    expect(sim.stats().requests.total).toBe(before);
  });

  it('session step limit and identical tool calls stop a run with 429', async () => {
    const session = {
      ...auth(),
      'x-glassbox-session': `s-${Date.now()}`,
      'cache-control': 'no-store',
    };
    for (let i = 0; i < 3; i++)
      expect((await chat(gateway.baseURL, ask(`step ${i}`), session)).status).toBe(200);
    const fourth = await chat(gateway.baseURL, ask('step 4'), session);
    expect(fourth.status).toBe(429);
    expect(fourth.errorCode).toBe('step_limit_reached');
    const call = {
      id: 'c',
      type: 'function',
      function: { name: 'search', arguments: '{"q":"x"}' },
    };
    const looping = Array.from({ length: 6 }, (_, i) => [
      { role: 'assistant', content: null, tool_calls: [{ ...call, id: `c${i}` }] },
      { role: 'tool', tool_call_id: `c${i}`, content: 'nothing' },
    ]).flat();
    const stopped = await chat(
      gateway.baseURL,
      { model: MODEL, messages: [{ role: 'user', content: 'find x' }, ...looping] },
      auth(),
    );
    expect(stopped.errorCode).toBe('loop_detected');
  });

  it('traces each request as OTel GenAI spans in the caller project, with guard decisions as events', async () => {
    await chat(gateway.baseURL, ask('trace me please'), {
      ...auth('gbx_globex'),
      'x-glassbox-session': 'trace-s',
    });
    await gateway.runtime.exporter!.flush();
    const llm = collector.spans.filter((s) =>
      s.attributes['gen_ai.input.messages']?.toString().includes('trace me please'),
    );
    expect(llm).toHaveLength(1);
    expect(llm[0]!.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'sim',
      'gen_ai.request.model': MODEL,
      'gen_ai.conversation.id': 'trace-s',
    });
    expect(Number(llm[0]!.attributes['gen_ai.usage.input_tokens'])).toBeGreaterThan(0);
    expect(llm[0]!.authorization).toBe('Bearer gbx_globex');
    const budgetEvents = collector.spans
      .flatMap((s) => s.events)
      .filter((e) => e.attributes['glassbox.guard.name'] === 'budget');
    expect(budgetEvents.length).toBeGreaterThan(0);
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(metrics).toMatch(
      /glassbox_gateway_requests_total\{path="\/v1\/chat\/completions",status="200"\} \d+/,
    );
    expect(metrics).toMatch(
      /glassbox_gateway_guard_decisions_total\{guard="budget",decision="reserve"\}/,
    );
    expect(metrics).toMatch(/glassbox_gateway_resident_memory_bytes \d+/);
  });
});

describe('gateway config files', () => {
  const parse = (text: string) => {
    try {
      parseGatewayConfig(text, 'gateway.yaml', {});
    } catch (error) {
      return error;
    }
    return null;
  };

  it('names the file, the line and the field', () => {
    const error = parse(
      [
        'providers:',
        '  - name: sim',
        '    baseUrl: http://127.0.0.1:9/v1',
        'routes:',
        '  gpt-4o:',
        '    - provider: nowhere',
      ].join('\n'),
    );
    expect(error).toBeInstanceOf(GatewayConfigError);
    expect((error as Error).message).toBe(
      "gateway.yaml:6: routes.gpt-4o[0].provider names no configured provider ('nowhere'; known: sim)",
    );
    const secret = parse(
      [
        'providers:',
        '  - name: sim',
        '    baseUrl: http://127.0.0.1:9/v1',
        '    apiKey: sk-live-123',
      ].join('\n'),
    ) as Error;
    expect(secret.message).toMatch(/^gateway\.yaml:4: providers\[0\]\.apiKey is not allowed/);
    const typo = parse(['guards:', '  breaker:', '    failureTreshold: 3'].join('\n')) as Error;
    expect(typo.message).toMatch(
      /^gateway\.yaml:3: guards\.breaker\.failureTreshold is not a known field/,
    );
    const syntax = parse(['routes:', '  a: [', 'b'].join('\n')) as Error;
    expect(syntax.message).toMatch(/^gateway\.yaml:\d+: \(root\) is not valid YAML/);
  });

  it('without providers, uses OPENAI_BASE_URL and names OPENAI_API_KEY', () => {
    const config = parseGatewayConfig('budgets:\n  - { scope: project, maxUsd: 5 }\n', 'g.yaml', {
      OPENAI_BASE_URL: 'http://127.0.0.1:1/v1',
      OPENAI_API_KEY: 'sk-x',
    });
    expect(config.providers[0]).toMatchObject({
      baseUrl: 'http://127.0.0.1:1/v1',
      apiKeyEnv: 'OPENAI_API_KEY',
    });
    expect(JSON.stringify(config)).not.toContain('sk-x');
    expect(config.budgets[0]).toEqual({ scope: 'project', period: 'month', maxUsd: 5 });
  });
});
