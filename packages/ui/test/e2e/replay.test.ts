import type { Span } from '@glassbox/core/model';
import { createServer } from '@glassbox/server';
import { findScenario, runScenario, type RunningSimulator } from '@glassbox/simulator';
import { createMemoryStorage } from '@glassbox/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentTrace, exportRequest, hexId } from './otlp-fixtures.js';
import { startUiHarness, type UiHarness } from './ui-harness.js';

let ui: UiHarness;
let sim: RunningSimulator;
let bad: { traceId: string; spanId: string };
let good: { traceId: string; spanId: string };

const question = (spans: Span[]) =>
  spans.find((s) => s.kind === 'llm')?.inputMessages.find((m) => m.role === 'user')?.content;
const chatCalls = () => sim.stats().requests.byRoute.chat ?? 0;

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${ui.server.url}${path}`);
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

// The sampling-change incident written through the real OTLP path, then the UI's server over
// the same data, replaying against the simulator still in its incident state.
beforeAll(async () => {
  const storage = createMemoryStorage();
  const writer = await createServer({
    storage,
    host: '127.0.0.1',
    port: 0,
    detection: { enabled: false },
  });
  const run = await runScenario(findScenario('sampling-change'), {
    endpoint: writer.url,
    seed: 3,
    healthyRequests: 12,
    incidentRequests: 12,
    keepSimulator: true,
  });
  await writer.close();
  sim = run.simulator!;
  // Answers vary between identical requests (independent trials); unknown models are refused.
  sim.setConfig({ varyByRequestCounter: true, strictModels: true });
  const load = async (id: string) => (await storage.traces.getTrace('default', id))?.spans ?? [];
  const llm = (spans: Span[]) => spans.filter((s) => s.kind === 'llm').at(-1)!.spanId;
  let badSpans: Span[] | undefined;
  for (const traceId of run.groundTruth.incident.traceIds) {
    const findings = await storage.traces.getFindings('default', traceId);
    if (findings.some((f) => run.groundTruth.expectedCategories.includes(f.category))) {
      badSpans = await load(traceId);
      bad = { traceId, spanId: llm(badSpans) };
      break;
    }
  }
  if (!badSpans) throw new Error('sampling-change produced no failing trace');
  const healthy = await Promise.all(run.groundTruth.healthy.traceIds.map(load));
  const goodSpans = healthy.find((h) => question(h) === question(badSpans)) ?? healthy[0]!;
  good = { traceId: goodSpans[0]!.traceId, spanId: llm(goodSpans) };
  ui = await startUiHarness({
    storage,
    detection: { enabled: false },
    replay: { env: { OPENAI_BASE_URL: sim.baseURL } },
  });
}, 120_000);

afterAll(async () => {
  await ui?.close();
  await sim?.close();
});

describe('replay from the span inspector', () => {
  it('replays the call with an edited parameter and shows trials, failure rate and a diff', async () => {
    const { page } = ui;
    await page.goto(`/traces/${bad.traceId}?span=${bad.spanId}`);
    await page.getByTestId('replay-action').click();
    const panel = page.getByTestId('replay-panel');
    await expect.poll(() => panel.locator('textarea').count()).toBeGreaterThan(0);
    const recordedTemperature = await panel.locator('input[name="temperature"]').inputValue();
    expect(Number(recordedTemperature)).toBeGreaterThan(0);
    await panel.locator('input[name="temperature"]').fill('0.2');
    await panel.locator('input[name="trials"]').fill('4');
    const before = chatCalls();
    await panel.getByRole('button', { name: 'Run replay' }).click();
    const results = page.getByTestId('replay-results');
    await results.waitFor({ timeout: 30_000 });
    expect(chatCalls() - before).toBe(4);
    await expect
      .poll(() => results.locator('[data-testid="replay-trials"] tbody tr').count())
      .toBe(4);
    // The page shows what the server stored for this run.
    const runs = await getJson<{
      items: { kind: string; result: { failures: number; judged: number; overridden: string[] } }[];
    }>(`/api/traces/${bad.traceId}/replays`);
    const stored = runs.items.find((r) => r.kind === 'replay')!;
    expect(stored.result.overridden).toContain('temperature');
    expect(await page.getByTestId('replay-failure-rate').innerText()).toContain(
      `${stored.result.failures}/${stored.result.judged} failed`,
    );
    await page
      .getByTestId('output-diff')
      .or(results.getByText('Identical to the recorded output'))
      .first()
      .waitFor();
    await results.scrollIntoViewIfNeeded();
    await ui.screenshot('replay-span');
  }, 60_000);

  it('names the problem for a value that is not a number, and for a model the provider lacks', async () => {
    const { page } = ui;
    await page.goto(`/traces/${bad.traceId}?span=${bad.spanId}`);
    await page.getByTestId('replay-action').click();
    const panel = page.getByTestId('replay-panel');
    await panel.locator('input[name="temperature"]').fill('warm');
    await panel.getByRole('button', { name: 'Run replay' }).click();
    const error = page.getByTestId('replay-error');
    expect(await error.getAttribute('data-code')).toBe('invalid_form');
    expect(await error.innerText()).toContain("temperature 'warm' is not a number");
    await panel.getByRole('button', { name: 'Reset to recorded' }).click();
    await panel.locator('input[name="model"]').fill('no-such-model');
    await panel.locator('input[name="trials"]').fill('1');
    await panel.getByRole('button', { name: 'Run replay' }).click();
    await expect
      .poll(() => error.getAttribute('data-code'), { timeout: 15_000 })
      .toBe('unknown_model');
    expect(await error.innerText()).toContain('no-such-model');
  }, 30_000);
});

describe('assertions as the evaluator', () => {
  it('judges trials by the written assertions instead of the finding categories', async () => {
    const { page } = ui;
    for (const [assertion, failed] of [
      ['equals no answer looks like this', '2/2 failed'],
      ['not-equals no answer looks like this', '0/2 failed'],
    ] as const) {
      await page.goto(`/traces/${bad.traceId}?span=${bad.spanId}`);
      await page.getByTestId('replay-action').click();
      const panel = page.getByTestId('replay-panel');
      await panel.locator('input[name="trials"]').fill('2');
      await panel.locator('textarea[name="assertions"]').fill(assertion);
      await panel.getByRole('button', { name: 'Run replay' }).click();
      const rate = panel.getByTestId('replay-failure-rate');
      await rate.waitFor({ timeout: 30_000 });
      expect(await rate.innerText()).toContain(failed);
      expect(await panel.getByTestId('replay-results').innerText()).toContain(`fails ${assertion}`);
    }
    expect(await page.getByTestId('replay-panel').locator('.assertion-failure').count()).toBe(0);
    const runs = await getJson<{
      items: { kind: string; result: { targetCategories: string[]; assertions: unknown[] } }[];
    }>(`/api/traces/${bad.traceId}/replays`);
    expect(runs.items[0]!.result).toMatchObject({
      targetCategories: [],
      assertions: [{ type: 'not-equals', value: 'no answer looks like this' }],
    });
  }, 60_000);

  it('shows why a trial failed an assertion, and names a type a replay cannot grade', async () => {
    const { page } = ui;
    await page.goto(`/traces/${bad.traceId}?span=${bad.spanId}`);
    await page.getByTestId('replay-action').click();
    const panel = page.getByTestId('replay-panel');
    await panel.locator('input[name="trials"]').fill('1');
    await panel.locator('textarea[name="assertions"]').fill('is-json');
    await panel.getByRole('button', { name: 'Run replay' }).click();
    await panel.getByTestId('replay-results').waitFor({ timeout: 30_000 });
    expect(await panel.locator('.assertion-failure').first().innerText()).toMatch(/^is-json: /);
    await panel.locator('textarea[name="assertions"]').fill('llm-rubric is polite');
    await panel.getByRole('button', { name: 'Run replay' }).click();
    const error = page.getByTestId('replay-error');
    await expect.poll(() => error.getAttribute('data-code')).toBe('invalid_request');
    expect(await error.innerText()).toContain('"llm-rubric" cannot judge a replay');
  }, 60_000);
});

describe('bisection from the trace page', () => {
  it('plans without calling, then runs and names sampling with one bar per arm', async () => {
    const { page } = ui;
    await page.goto(`/traces/${bad.traceId}`);
    await page.getByTestId('bisect-action').click();
    const panel = page.getByTestId('bisect-panel');
    await panel.locator('input[name="good-trace-id"]').fill(good.traceId);
    const before = chatCalls();
    await panel.getByRole('button', { name: 'Plan (dry run)' }).click();
    const plan = page.getByTestId('bisect-plan');
    await plan.waitFor({ timeout: 15_000 });
    expect(chatCalls()).toBe(before);
    expect(await page.getByTestId('planned-calls').innerText()).toMatch(/^\d+ planned calls$/);
    expect(await page.getByTestId('bisection-differences').innerText()).toContain('sampling');
    await page.getByTestId('run-bisection').click();
    const report = panel.getByTestId('bisection-report');
    await report.waitFor({ timeout: 90_000 });
    const verdict = panel.getByTestId('bisection-verdict');
    expect(await verdict.getAttribute('data-kind')).toBe('factor');
    expect(await verdict.getAttribute('data-factors')).toBe('sampling');
    const arms = report.locator('[data-testid="bisection-arms"] tbody tr');
    const names = await arms.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-arm')));
    expect(names[0]).toBe('bad');
    expect(names).toContain('sampling');
    expect(await report.locator('[data-arm="sampling"]').getAttribute('data-fixes')).toBe('true');
    expect(await report.locator('[data-arm="bad"] .interval-bar').count()).toBe(1);
    const stored = await getJson<{
      items: {
        kind: string;
        result: { arms: { name: string; adjustedPValue: number | null }[] };
      }[];
    }>(`/api/traces/${bad.traceId}/replays`);
    const bisection = stored.items.find((r) => r.kind === 'bisect')!;
    const sampling = bisection.result.arms.find((a) => a.name === 'sampling')!;
    expect(sampling.adjustedPValue).toBeLessThan(0.05);
    await report.scrollIntoViewIfNeeded();
    await ui.screenshot('bisection-report');
    // The stored run is listed on the trace and opens to the same report.
    await page
      .getByTestId('replay-runs')
      .locator('[data-run-kind="bisect"] summary')
      .first()
      .click();
    expect(await page.getByTestId('replay-runs').innerText()).toContain('sampling fixes it');
  }, 120_000);

  it('bisects against the version snapshot the failing call pinned', async () => {
    const { page } = ui;
    await page.goto(`/traces/${bad.traceId}`);
    await page.getByTestId('bisect-action').click();
    const panel = page.getByTestId('bisect-panel');
    await panel.locator('input[name="good"][value="snapshot"]').check();
    await panel.getByRole('button', { name: 'Plan (dry run)' }).click();
    await panel.getByTestId('bisect-plan').waitFor({ timeout: 15_000 });
    expect(await panel.getByTestId('bisection-differences').innerText()).toContain('sampling');
    await page.getByTestId('run-bisection').click();
    const report = panel.getByTestId('bisection-report');
    await report.waitFor({ timeout: 90_000 });
    expect(await report.innerText()).toContain('as its version snapshot pins it (');
    const verdict = panel.getByTestId('bisection-verdict');
    expect(await verdict.getAttribute('data-kind')).toBe('factor');
    expect(await verdict.getAttribute('data-factors')).toBe('sampling');
  }, 120_000);

  it('finds the reference before the onset, and refuses a budget too small for one trial', async () => {
    const { page } = ui;
    await page.goto(`/traces/${bad.traceId}`);
    await page.getByTestId('bisect-action').click();
    const panel = page.getByTestId('bisect-panel');
    await panel.getByRole('button', { name: 'Plan (dry run)' }).click();
    await page.getByTestId('bisect-plan').waitFor({ timeout: 15_000 });
    await panel.locator('input[name="budget"]').fill('0.000000001');
    await panel.getByRole('button', { name: 'Plan (dry run)' }).click();
    const error = page.getByTestId('bisect-error');
    await expect.poll(() => error.getAttribute('data-code')).toBe('budget_too_small');
    await panel.locator('input[name="budget"]').fill('');
    await panel.locator('input[name="good-trace-id"]').fill('not-a-trace');
    await panel.getByRole('button', { name: 'Plan (dry run)' }).click();
    await expect.poll(() => error.getAttribute('data-code')).toBe('invalid_form');
  }, 30_000);
});

describe('whole-run replay side by side', () => {
  it('links the original and its replay and marks the first step that differs', async () => {
    const original = agentTrace(Date.now() - 60_000);
    const replayId = hexId('c3', 3, 32);
    // The replay as the SDK's replay mode sends it: every span names the trace it replays; the
    // flight search was answered differently, later steps follow from it.
    const replay = original.spans.map((s, i) => ({
      ...s,
      traceId: replayId,
      spanId: hexId('c3', 0x300 + i, 16),
      ...(s.parentSpanId ? { parentSpanId: hexId('c3', 0x300, 16) } : {}),
      startMs: s.startMs + 30_000,
      attributes: {
        ...s.attributes,
        'glassbox.replay.of_trace': original.traceId,
        ...(s.name === 'search_flights' ? { 'output.value': '{"flights":[]}' } : {}),
      },
    }));
    await ui.ingest(exportRequest([...original.spans, ...replay]));
    const { page } = ui;
    await page.goto(`/traces/${original.traceId}`);
    const link = page.locator(`[data-replay-trace="${replayId}"]`);
    await link.click();
    await page.waitForURL(new RegExp(`/traces/${original.traceId}/compare/${replayId}$`));
    const divergence = page.getByTestId('divergence');
    await divergence.waitFor();
    expect(await divergence.getAttribute('data-kind')).toBe('output');
    expect(await divergence.getAttribute('data-step')).toBe('1');
    expect(await divergence.innerText()).toContain('search_flights');
    const marked = page.locator('tr[data-diverges]');
    expect(await marked.count()).toBe(1);
    expect(await marked.getAttribute('data-step')).toBe('1');
    expect(await marked.innerText()).toContain('{"flights":[]}');
    await ui.screenshot('replay-compare');
    // From the replay, the way back to the comparison.
    await page.goto(`/traces/${replayId}`);
    await page.getByTestId('compare-with-original').click();
    await page.waitForURL(new RegExp(`/compare/${replayId}$`));
  }, 30_000);
});
