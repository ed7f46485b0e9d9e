import { failureClassifier } from '@glassbox/core/ingest';
import { rateLimitedTraffic, rateLimitIncident } from '@glassbox/core/testing';
import { startSimulator, type RunningSimulator } from '@glassbox/simulator';
import { createMemoryStorage } from '@glassbox/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUiHarness, type UiHarness } from './ui-harness.js';

const T0 = Date.now() - 3_600_000;
let ui: UiHarness;
let sim: RunningSimulator;

// 300 chat calls, every third one rate limited after the onset, and an incident over them;
// the server replays through the simulator.
beforeAll(async () => {
  const storage = createMemoryStorage();
  const spans = rateLimitedTraffic(T0);
  await storage.traces.writeSpans(spans, { classifier: failureClassifier(new Map()) });
  await storage.detection.putIncident(rateLimitIncident('inc-eval', T0));
  sim = await startSimulator({ seed: 4 });
  ui = await startUiHarness({
    storage,
    detection: { enabled: false },
    replay: { env: { OPENAI_BASE_URL: sim.baseURL, OPENAI_API_KEY: 'test' } },
  });
}, 120_000);

afterAll(async () => {
  await ui?.close();
  await sim?.close();
});

describe('incident eval from the workspace', () => {
  it('adds the failing traces to a dataset, runs the eval and shows the run on the timeline', async () => {
    const { page } = ui;
    await page.goto('/incidents/inc-eval');
    await page.getByTestId('workspace-author').fill('Ana');
    const form = page.getByTestId('workspace-eval');
    await form.getByLabel('Dataset').fill('refund-incident');
    await form.getByRole('button', { name: /Add and run eval/ }).click();
    await expect
      .poll(() => page.getByTestId('workspace-action-result').innerText(), { timeout: 20_000 })
      .toMatch(/^Eval on refund-incident@1: \d+ % of replayed answers passed\.$/);
    const timeline = page.getByTestId('workspace-timeline');
    await expect.poll(() => timeline.locator('[data-kind="eval_run"]').count()).toBe(1);
    expect(await timeline.locator('[data-kind="eval_run"]').innerText()).toContain(
      'eval run on refund-incident@1 (replay as recorded)',
    );
    const runs = (await (await fetch(`${ui.server.url}/api/eval-runs`)).json()) as {
      items: { dataset: string; note: string }[];
    };
    expect(runs.items).toEqual([
      expect.objectContaining({ dataset: 'refund-incident', note: 'incident inc-eval' }),
    ]);
  });
  it('keeps an expected output written for a failing trace on its dataset item and grades it', async () => {
    const { page } = ui;
    await page.goto('/incidents/inc-eval');
    await page.getByTestId('workspace-author').fill('Ana');
    const form = page.getByTestId('workspace-eval');
    await form.getByLabel('Dataset').fill('expected-incident');
    await form.locator('details.workspace-expected summary').click();
    const first = form.locator('[data-expected-for]').first();
    const traceId = (await first.getAttribute('data-expected-for'))!;
    await first.fill('icontains:quarterly dividend');
    await form.getByRole('button', { name: /Add and run eval/ }).click();
    await expect
      .poll(() => page.getByTestId('workspace-action-result').innerText(), { timeout: 20_000 })
      .toMatch(/^Eval on expected-incident@1: \d+ % of replayed answers passed\.$/);
    const items = (await (
      await fetch(`${ui.server.url}/api/datasets/expected-incident/versions/1/items`)
    ).json()) as { items: { sourceTraceId?: string; expected?: string }[] };
    const item = items.items.find((i) => i.sourceTraceId === traceId);
    expect(item?.expected).toBe('icontains:quarterly dividend');
    expect(items.items.filter((i) => i.expected !== undefined)).toHaveLength(1);
  });
});
