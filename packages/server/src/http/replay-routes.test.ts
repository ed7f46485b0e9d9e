import { failureClassifier } from '@glassbox/core/ingest';
import type { Span } from '@glassbox/core/model';
import { describe, expect, it } from 'vitest';
import { requestSpan } from '../../test/support/request-span.js';
import { testApp } from '../../test/support/test-app.js';

const T0 = Date.UTC(2026, 0, 1);
/** Nothing listens on the discard port: every call fails to connect. */
const DEAD_PROVIDER = { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' };

/** A bad trace sampled at 1.3 against a pinned 0.2, and a good one at 0.2. */
function traces(): { bad: Span; good: Span; hashed: Span } {
  const base = (n: number, temperature: number): Span => ({
    ...requestSpan(n, T0 + n * 1000),
    requestModel: 'gpt-4o-mini',
    responseModel: 'gpt-4o-mini-2024-07-18',
    parameters: { temperature, maxTokens: 200 },
    versions: { 'param.temperature': '0.2' },
    inputMessages: [
      { role: 'system', content: 'Answer from the sources.' },
      { role: 'user', content: `question ${n}` },
    ],
  });
  const hashed = base(3, 0.2);
  hashed.inputMessages = [{ role: 'user', content: `sha256:${'b'.repeat(64)} len:10` }];
  return { bad: base(1, 1.3), good: base(2, 0.2), hashed };
}

async function appWith(env: Record<string, string>, replay: Record<string, unknown> = {}) {
  const { app, storage } = await testApp({ replay: { env, ...replay } });
  const t = traces();
  await storage.traces.writeSpans([t.bad, t.good, t.hashed], {
    classifier: failureClassifier(new Map()),
  });
  return { app, storage, ...t };
}

const replayUrl = (s: Span) => `/api/traces/${s.traceId}/spans/${s.spanId}/replays`;

describe('POST /api/traces/:traceId/spans/:spanId/replays', () => {
  it('answers no_provider, saying how to configure one, when none is', async () => {
    const { app, bad } = await appWith({});
    const res = await app.inject({ method: 'POST', url: replayUrl(bad), payload: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('no_provider');
    expect(res.json().error.message).toMatch(/OPENAI_API_KEY.*--providers providers\.yaml/);
  });

  it('answers span_not_replayable naming hash-only mode', async () => {
    const { app, hashed } = await appWith(DEAD_PROVIDER);
    const res = await app.inject({ method: 'POST', url: replayUrl(hashed), payload: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'span_not_replayable' });
    expect(res.json().error.message).toMatch(/hash-only mode/);
  });

  it('answers unknown_model when no configured provider serves the model', async () => {
    const { app, bad } = await appWith(
      {},
      {
        providers: [
          {
            name: 'local',
            baseUrl: 'http://127.0.0.1:9/v1',
            apiKeyEnv: null,
            models: ['gpt-4o-mini'],
            headers: {},
            timeouts: { requestMs: 2000, firstTokenMs: 2000, idleMs: 2000 },
          },
        ],
      },
    );
    const res = await app.inject({
      method: 'POST',
      url: replayUrl(bad),
      payload: { overrides: { model: 'gpt-9' } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('unknown_model');
    expect(res.json().error.message).toMatch(/no configured provider serves model 'gpt-9'/);
  });

  it('records provider errors per trial instead of failing the request', async () => {
    const { app, bad } = await appWith(DEAD_PROVIDER);
    const res = await app.inject({ method: 'POST', url: replayUrl(bad), payload: { trials: 3 } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ judged: 0, errors: 3, failureRate: null });
    expect(body.trials).toHaveLength(3);
    expect(body.trials[0].error.message).toMatch(/connection/i);
    expect(body.request).toMatchObject({ model: 'gpt-4o-mini', temperature: 1.3, max_tokens: 200 });
    expect(body.targetCategories).toEqual(['sampling_parameters_mismatch']);
  });

  it.each([
    [{ trials: 51 }, /exceeds this server's limit of 50/],
    [{ trials: 0 }, /trials/],
    [{ overrides: { messages: [{ index: 9, content: 'x' }] } }, /index 9 does not exist/],
    [{ overrides: { parameters: { colour: 1 } } }, /colour/],
  ])('refuses %j with invalid_request', async (payload, message) => {
    const { app, bad } = await appWith(DEAD_PROVIDER);
    const res = await app.inject({ method: 'POST', url: replayUrl(bad), payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_request');
    expect(res.json().error.message).toMatch(message);
  });

  it('answers 404 for an unknown span', async () => {
    const { app, bad } = await appWith(DEAD_PROVIDER);
    const res = await app.inject({
      method: 'POST',
      url: `/api/traces/${bad.traceId}/spans/${'f'.repeat(16)}/replays`,
      payload: {},
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toMatch(/span f{16} not found/);
  });
});

describe('POST /api/traces/:traceId/bisect', () => {
  const bisect = (bad: Span, payload: Record<string, unknown>) => ({
    method: 'POST' as const,
    url: `/api/traces/${bad.traceId}/bisect`,
    payload,
  });

  it('plans without calling on a dry run: arms, planned calls, estimated cost', async () => {
    const { app, bad, good } = await appWith(DEAD_PROVIDER);
    const res = await app.inject(bisect(bad, { good: { traceId: good.traceId }, dryRun: true }));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.differences.map((d: { factor: string }) => d.factor)).toEqual(['sampling']);
    expect(body.plan).toMatchObject({ trials: 20, plannedCalls: 40 });
    expect(body.plan.estimatedCostUsd).toBeGreaterThan(0);
    expect(body).toMatchObject({ arms: [], verdict: null, calls: 0 });
  });

  it('keeps partial results when every call fails, and abstains saying why', async () => {
    const { app, bad, good } = await appWith(DEAD_PROVIDER);
    const res = await app.inject(bisect(bad, { good: { traceId: good.traceId }, trials: 2 }));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.arms.map((a: { name: string; errors: number }) => [a.name, a.errors])).toEqual([
      ['bad', 2],
      ['sampling', 2],
    ]);
    expect(body.verdict.kind).toBe('abstain');
    expect(body.verdict.reason).toMatch(/2 provider errors/);
  });

  it('answers budget_too_small when the budget does not cover one trial', async () => {
    const { app, bad, good } = await appWith(DEAD_PROVIDER);
    const res = await app.inject(bisect(bad, { good: { traceId: good.traceId }, budgetUsd: 1e-9 }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('budget_too_small');
    expect(res.json().error.message).toMatch(/does not cover one trial/);
  });

  it.each([
    [{ factors: ['model'] }, /'model' is the same in the bad and the good call/],
    [{ factors: ['colour'] }, /factors/],
    [{}, /good/],
  ])('refuses %j with invalid_request', async (extra, message) => {
    const { app, bad, good } = await appWith(DEAD_PROVIDER);
    const payload = Object.keys(extra).length ? { good: { traceId: good.traceId }, ...extra } : {};
    const res = await app.inject(bisect(bad, payload));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_request');
    expect(res.json().error.message).toMatch(message);
  });

  it.each([[{ traceId: 'a'.repeat(32), before: true }], [{}]])(
    'refuses good %j: exactly one of traceId or before',
    async (good) => {
      const { app, bad } = await appWith(DEAD_PROVIDER);
      const res = await app.inject(bisect(bad, { good }));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(
        /exactly one of traceId .*, before: true .*snapshot: true .* or versions/,
      );
    },
  );

  it("takes the failing span's own version snapshot as the good reference", async () => {
    const { app, bad } = await appWith(DEAD_PROVIDER);
    const res = await app.inject(bisect(bad, { good: { snapshot: true }, dryRun: true }));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      goodReference: 'snapshot',
      goodTraceId: bad.traceId,
      snapshot: { versions: { 'param.temperature': '0.2' }, applied: ['param.temperature'] },
    });
    expect(body.differences).toEqual([
      { factor: 'sampling', bad: '{"temperature":1.3}', good: '{"temperature":0.2}' },
    ]);
  });

  it('takes a given version snapshot: a pinned model becomes the model factor', async () => {
    const { app, bad } = await appWith(DEAD_PROVIDER);
    const res = await app.inject(
      bisect(bad, {
        good: { versions: { model: 'gpt-4o', 'param.temperature': '0.2', prompt: 'v3' } },
        dryRun: true,
      }),
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.differences.map((d: { factor: string }) => d.factor).sort()).toEqual([
      'model',
      'sampling',
    ]);
    expect(body.snapshot.ignored).toEqual([
      { key: 'prompt', reason: "names version 'v3' of prompt; its content is not in the snapshot" },
    ]);
  });

  it.each([
    [{ versions: { prompt: 'v3' } }, /pins nothing a replay can set/],
    [{ versions: { 'param.temperature': 'warm' } }, /param.temperature is 'warm', not a number/],
    [{ versions: {} }, /versions/],
    [{ snapshot: true, traceId: 'a'.repeat(32) }, /exactly one of/],
  ])('refuses the snapshot reference %j', async (good, message) => {
    const { app, bad } = await appWith(DEAD_PROVIDER);
    const res = await app.inject(bisect(bad, { good, dryRun: true }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_request');
    expect(res.json().error.message).toMatch(message);
  });

  it('says when the failing span carries no version snapshot', async () => {
    const { app, storage, bad } = await appWith(DEAD_PROVIDER);
    const unpinned: Span = {
      ...bad,
      traceId: '9'.repeat(32),
      spanId: '9'.repeat(16),
      versions: {},
    };
    await storage.traces.writeSpans([unpinned], { classifier: failureClassifier(new Map()) });
    const res = await app.inject(bisect(unpinned, { good: { snapshot: true }, dryRun: true }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/carries no version snapshot/);
  });

  it.each([
    [
      [{ type: 'llm-rubric', value: 'is polite' }],
      /assertions\[0\]: type "llm-rubric" cannot judge a replay/,
    ],
    [
      [
        { type: 'contains', value: 'x' },
        { type: 'javascript', value: 'true' },
      ],
      /assertions\[1\]/,
    ],
    [[], /assertions/],
    [[{ value: 'x' }], /type/],
  ])('refuses assertions %j with invalid_request', async (assertions, message) => {
    const { app, bad, good } = await appWith(DEAD_PROVIDER);
    for (const request of [
      bisect(bad, { good: { traceId: good.traceId }, assertions, dryRun: true }),
      { method: 'POST' as const, url: replayUrl(bad), payload: { assertions } },
    ]) {
      const res = await app.inject(request);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_request');
      expect(res.json().error.message).toMatch(message);
    }
  });

  it('judges with assertions alone when they are given without categories', async () => {
    const { app, bad, good } = await appWith(DEAD_PROVIDER);
    const assertions = [{ type: 'icontains', value: 'question' }];
    const res = await app.inject(
      bisect(bad, { good: { traceId: good.traceId }, assertions, dryRun: true }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ targetCategories: [], assertions });
  });

  it('says when no healthy trace of the route precedes the failing one', async () => {
    const { app, bad } = await appWith(DEAD_PROVIDER);
    const res = await app.inject(bisect(bad, { good: { before: true } }));
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toMatch(
      /no good reference found: none of the 0 earlier traces of route 'chat'/,
    );
  });

  it('answers 404 for an unknown good trace', async () => {
    const { app, bad } = await appWith(DEAD_PROVIDER);
    const res = await app.inject(bisect(bad, { good: { traceId: 'a'.repeat(32) } }));
    expect(res.statusCode).toBe(404);
  });
});

describe('GET /api/traces/:traceId/replays', () => {
  it('lists the stored runs of a trace, newest first; a dry run is not stored', async () => {
    const { app, bad, good } = await appWith(DEAD_PROVIDER);
    const replay = await app.inject({
      method: 'POST',
      url: replayUrl(bad),
      payload: { trials: 2 },
    });
    const bisect = await app.inject({
      method: 'POST',
      url: `/api/traces/${bad.traceId}/bisect`,
      payload: { good: { traceId: good.traceId }, trials: 1 },
    });
    const dry = await app.inject({
      method: 'POST',
      url: `/api/traces/${bad.traceId}/bisect`,
      payload: { good: { traceId: good.traceId }, dryRun: true },
    });
    expect(dry.json().runId).toBeNull();
    const res = await app.inject({ method: 'GET', url: `/api/traces/${bad.traceId}/replays` });
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((r: { id: string }) => r.id).sort()).toEqual(
      [replay.json().runId, bisect.json().runId].sort(),
    );
    const stored = items.find((r: { kind: string }) => r.kind === 'replay');
    expect(stored).toMatchObject({ spanId: bad.spanId, summary: '0/0 failed, 2 provider errors' });
    expect(stored.result.trials).toHaveLength(2);
    const other = await app.inject({ method: 'GET', url: `/api/traces/${good.traceId}/replays` });
    expect(other.json().items).toEqual([]);
    // Replays are runs, not spans: the trace list (and so metrics and detection) is unchanged.
    const traces = await app.inject({ method: 'GET', url: '/api/traces' });
    expect(traces.json().items).toHaveLength(3);
  });
});
