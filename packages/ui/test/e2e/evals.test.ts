import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRequest } from './otlp-fixtures.js';
import { listTraces } from './list-fixtures.js';
import { startUiHarness, type UiHarness } from './ui-harness.js';

// Datasets from production and the compare view, end to end in a real browser.

const t = listTraces(Date.now());
let ui: UiHarness;

beforeAll(async () => {
  ui = await startUiHarness();
  await ui.ingest(
    exportRequest([
      ...t.truncated.spans,
      ...t.refundAsked.spans,
      ...t.errored.spans,
      ...t.shipping.spans,
    ]),
  );
}, 60_000);

afterAll(async () => {
  await ui?.close();
});

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${ui.server.url}${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return { status: res.status, json: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Opens "Add to dataset", names the dataset and submits. */
async function addToDataset(name: string) {
  await ui.page.getByTestId('add-to-dataset').click();
  await ui.page.locator('input[name="dataset-name"]').fill(name);
  await ui.page.getByRole('button', { name: 'Add', exact: true }).click();
}

describe('datasets, runs and review in the browser', () => {
  it('adds a failing trace to a dataset from the trace page', async () => {
    const { page } = ui;
    await page.goto(`/traces/${t.truncated.traceId}`);
    await addToDataset('regressions');
    await expect
      .poll(() => page.getByTestId('added-to-dataset').textContent())
      .toContain('regressions v1');
    await page.getByTestId('added-to-dataset').getByRole('link').click();
    const row = page.locator('[data-testid="dataset-items"] tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.first().textContent()).toContain('Summarize my last invoice');
    await row.first().getByRole('link').click();
    await page.waitForURL(`**/traces/${t.truncated.traceId}`);
  });

  it('adds a selection of failing traces from the list to a dataset at once', async () => {
    const { page } = ui;
    await page.goto('/traces');
    const rows = page.locator('[data-testid="traces-table"] [role="row"]');
    await expect.poll(() => rows.count()).toBe(4);
    expect(await page.getByTestId('add-to-dataset').isDisabled()).toBe(true);
    // Failing is what the list's outcome badges say: everything but "ok".
    const failing = await rows.evaluateAll((els) =>
      els
        .filter((el) => el.querySelector('[data-outcome]')?.getAttribute('data-outcome') !== 'ok')
        .map((el) => el.getAttribute('data-trace-id')),
    );
    expect(failing).toEqual(expect.arrayContaining([t.truncated.traceId, t.errored.traceId]));
    expect(failing).toHaveLength(3);
    const passing = [t.shipping, t.refundAsked, t.truncated, t.errored]
      .map((x) => x.traceId)
      .find((id) => !failing.includes(id));
    await page.getByTestId('select-failing').click();
    await expect
      .poll(() => page.getByTestId('selected-count').textContent())
      .toBe(`${failing.length} selected`);
    // A row can be picked by hand too, and dropped again.
    const byHand = page.getByLabel(`Select trace ${passing}`);
    await byHand.check();
    await expect
      .poll(() => page.getByTestId('selected-count').textContent())
      .toBe(`${failing.length + 1} selected`);
    await byHand.uncheck();
    await addToDataset('bulk');
    await expect
      .poll(() => page.getByTestId('added-to-dataset').textContent())
      .toContain('bulk v1');
    const items = await api('GET', '/api/datasets/bulk/versions/1/items');
    expect(items.json.items.map((i: { sourceTraceId: string }) => i.sourceTraceId).sort()).toEqual(
      [...failing].sort(),
    );
    await ui.screenshot('traces-bulk-add');

    // The failing traces' categories now have dataset items; the rest are the gap.
    await page.goto('/datasets');
    const coverage = page.getByTestId('eval-coverage');
    await coverage.waitFor();
    const covered = await api('GET', '/api/eval-coverage');
    const named = covered.json.categories.filter((c: { items: number }) => c.items > 0);
    expect(named.length).toBeGreaterThan(0);
    for (const c of named as { name: string; items: number }[])
      expect(await coverage.locator(`[data-coverage="${c.name}"]`).textContent()).toContain('bulk');
    const gap = covered.json.uncoveredCategories.length + covered.json.uncoveredDimensions.length;
    expect(await page.getByTestId('coverage-gap').textContent()).toContain(
      `${gap} with no dataset item`,
    );
  });

  it('imports a CSV, refuses a bad file naming its lines, and compares two runs', async () => {
    const { page } = ui;
    await page.goto('/datasets');
    await page.locator('input[name="dataset"]').fill('support');
    await page.locator('input[type="file"]').setInputFiles({
      name: 'bad.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from('{"vars":{"q":"ok"}}\n{"vars":5}\nnot json\n'),
    });
    await page.getByRole('button', { name: 'Import' }).click();
    await expect
      .poll(() => page.getByTestId('import-error').textContent())
      .toMatch(/2 bad rows, nothing imported: line 2: "vars" must be an object; line 3: not JSON/);
    const rows = Array.from({ length: 12 }, (_, i) => `q${i},question ${i},contains:${i},`);
    await page.locator('input[type="file"]').setInputFiles({
      name: 'items.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `id,q,expected,source_trace_id\n${rows.join('\n')}\nq12,refund,contains:refund,${t.refundAsked.traceId}\n`,
      ),
    });
    await page.getByRole('button', { name: 'Import' }).click();
    await expect
      .poll(async () =>
        (await page.getByTestId('import-error').count())
          ? await page.getByTestId('import-error').textContent()
          : page.url(),
      )
      .toMatch(/\/datasets\/support$/);
    await expect
      .poll(() => page.locator('[data-testid="dataset-items"] tbody tr').count())
      .toBe(13);

    const outcomes = (pass: (i: number) => boolean) =>
      Array.from({ length: 13 }, (_, i) => ({
        itemId: `q${i}`,
        repeat: 0,
        output: pass(i) ? `answer ${i}` : 'I cannot help',
        pass: pass(i),
        score: pass(i) ? 1 : 0,
        reason: pass(i) ? 'All assertions passed' : 'Expected output to contain',
      }));
    const record = (target: string, pass: (i: number) => boolean) =>
      api('POST', '/api/eval-runs', {
        dataset: 'support',
        datasetVersion: 1,
        target,
        repeats: 1,
        outcomes: outcomes(pass),
      });
    const base = await record('prompt v1', () => true);
    const cand = await record('prompt v2', (i) => i < 2);
    expect(cand.status).toBe(201);

    await page.goto('/datasets/support');
    await page.getByLabel(`baseline ${base.json.id.slice(0, 8)}`).check();
    await page.getByLabel(`candidate ${cand.json.id.slice(0, 8)}`).check();
    await page.getByTestId('compare-link').click();
    await page.waitForURL('**/runs/compare?**');
    await expect.poll(() => page.getByTestId('verdict').textContent()).toBe('worse');
    const passRate = page.locator('[data-metric="pass rate"]');
    expect(await passRate.textContent()).toContain('mcnemar-exact');
    expect(await page.getByTestId('comparison-notes').textContent()).toMatch(/items|repeats/);
    const failing = page.locator('[data-testid="compare-items"] tr[data-item-id="q12"]');
    expect(await failing.textContent()).toContain('I cannot help');
    expect(await failing.textContent()).toContain('PASS');
    await ui.screenshot('eval-compare');
    await failing.getByTestId('item-replay-link').click();
    await page.waitForURL(`**/traces/${t.refundAsked.traceId}?replay=1`);
    await page.getByTestId('replay-panel').waitFor();
    await page.goBack();
    await failing.getByTestId('item-trace-link').click();
    await page.waitForURL(`**/traces/${t.refundAsked.traceId}`);
    await page.getByTestId('inspector').waitFor();
    expect(await page.getByTestId('replay-panel').count()).toBe(0);
  });

  it("shows the online evaluators' and experiments' scores stored on a trace", async () => {
    const { page } = ui;
    const rules = [
      {
        id: 'all-answers',
        segment: {},
        rate: 1,
        assert: [
          { type: 'icontains', value: 'invoice', metric: 'on-topic' },
          { type: 'contains', value: 'refund', metric: 'mentions-refund' },
        ],
      },
    ];
    expect((await api('PUT', '/api/online-eval/rules', { rules })).status).toBe(200);
    // The online evaluator runs in the background every few seconds.
    await expect
      .poll(
        async () => (await api('GET', `/api/traces/${t.truncated.traceId}/scores`)).json.items,
        {
          timeout: 30_000,
          interval: 500,
        },
      )
      .toHaveLength(2);
    // An experiment that called the app, which traced the call as this trace.
    await api('POST', '/api/datasets/app/versions', { items: [{ id: 'invoice', vars: {} }] });
    const run = await api('POST', '/api/eval-runs', {
      dataset: 'app',
      datasetVersion: 1,
      target: 'support app',
      repeats: 1,
      outcomes: [
        {
          itemId: 'invoice',
          repeat: 0,
          output: 'Your last invoice lists',
          pass: false,
          score: 0,
          namedScores: { 'precision@1': 0.5 },
          reason: 'Expected output to contain "total"',
          traceId: t.truncated.traceId,
        },
      ],
    });
    expect(run.status).toBe(201);
    await page.goto(`/traces/${t.truncated.traceId}`);
    const panel = page.getByTestId('trace-scores');
    await panel.waitFor();
    expect(await panel.locator('[data-score="on-topic"]').textContent()).toContain('pass');
    expect(await panel.locator('[data-score="mentions-refund"]').textContent()).toContain('fail');
    // Failing scores come first.
    expect(
      await panel
        .getByTestId('online-scores')
        .locator('tbody tr')
        .first()
        .getAttribute('data-score'),
    ).toBe('mentions-refund');
    const experiment = panel.locator(
      `[data-testid="experiment-scores"] tr[data-run-id="${run.json.id}"]`,
    );
    const text = await experiment.textContent();
    expect(text).toContain('app@1');
    expect(text).toContain('support app');
    expect(text).toContain('fail');
    expect(text).toContain('precision@1 0.50');
    await ui.screenshot('trace-scores');
  }, 45_000);

  it('scores a queued trace from the keyboard and shows agreement', async () => {
    const { page } = ui;
    expect(
      (await api('POST', '/api/reviews', { traceIds: [t.refundAsked.traceId] })).json.added,
    ).toBe(1);
    await page.goto('/review');
    await page.locator('input[name="reviewer"]').fill('ann');
    await page.getByTestId('review-scorer').waitFor();
    await page.locator('body').click();
    for (const key of ['p', 'f', 'p', 'p']) await page.keyboard.press(key);
    expect(await page.getByTestId('verdict-format').textContent()).toBe('fail');
    await page.keyboard.press('Enter');
    await page.getByTestId('review-empty').waitFor();
    const labels = await api('GET', '/api/reviews?pendingFor=bob');
    expect(labels.json.items.map((i: { reviewedBy: string[] }) => i.reviewedBy)).toEqual([['ann']]);
    expect(await page.getByTestId('agreement-table').textContent()).toContain('tone');
  });
});
