import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUiHarness, type UiHarness } from './ui-harness.js';

/*
 * The artifact pages over the real server: versions side by side, labels with their audit
 * trail, a rollback through the UI (a reason is required), the canary's gate against its
 * boundary, and sessions still pinned to each version.
 */

let ui: UiHarness;
const BASE = '/api/artifacts/prompt/support';

async function api(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${ui.server.url}${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text === '' ? undefined : JSON.parse(text);
}

const template = (system: string) => [
  { role: 'system', content: system },
  { role: 'user', content: '{{question}}' },
];

beforeAll(async () => {
  ui = await startUiHarness();
  await api('POST', `${BASE}/versions`, {
    content: template('Answer briefly.\nCite the policy.'),
    message: 'first',
    actor: 'ada',
  });
  await api('POST', `${BASE}/versions`, {
    content: template('Answer thoroughly.\nCite the policy.'),
    config: { temperature: 0.2 },
    message: 'longer answers',
    actor: 'ada',
  });
  await api('POST', `${BASE}/versions`, { content: template('Experimental.'), actor: 'bob' });
  await api('PUT', `${BASE}/labels/production`, { version: 1, reason: 'launch', actor: 'ada' });
  // Three sessions start on v1; after the move to v2 two new ones start there.
  for (const s of ['a', 'b', 'c']) await api('GET', `${BASE}?sessionId=old-${s}`);
  await api('PUT', `${BASE}/labels/production`, {
    version: 2,
    reason: 'longer answers won the eval',
    actor: 'ada',
  });
  for (const s of ['a', 'b']) await api('GET', `${BASE}?sessionId=new-${s}`);
  await api('POST', `${BASE}/canary`, {
    version: 3,
    percent: 10,
    metrics: ['error'],
    minSamples: 5000,
    actor: 'bob',
  });
  const outcomes = [
    ...Array.from({ length: 200 }, (_, i) => ({ arm: 'control', metric: 'error', failed: i < 10 })),
    ...Array.from({ length: 40 }, (_, i) => ({ arm: 'canary', metric: 'error', failed: i < 3 })),
  ];
  await api('POST', `${BASE}/canary/outcomes`, { outcomes });
}, 60_000);

afterAll(async () => {
  await ui?.close();
});

describe('artifact pages', () => {
  it('lists artifacts with their labels and opens one', async () => {
    const { page } = ui;
    await page.goto('/artifacts');
    const row = page.locator('[data-artifact="prompt/support"]');
    expect(await row.innerText()).toContain('production → v2');
    await row.getByRole('link', { name: 'support' }).click();
    await page.getByTestId('versions-panel').waitFor();
    expect(page.url()).toMatch(/\/artifacts\/prompt\/support$/);
  });

  it('shows two versions side by side, changed lines paired', async () => {
    const { page } = ui;
    await page.goto('/artifacts/prompt/support');
    const diff = page.getByTestId('version-diff');
    await diff.waitFor();
    // Default: the newest against the one before it; choose v1 against v2.
    await page.locator('select[name="from"]').selectOption('1');
    await page.locator('select[name="to"]').selectOption('2');
    const changed = diff.locator('tr.changed');
    expect(await changed.count()).toBe(1);
    expect(await changed.locator('td.left').innerText()).toBe('Answer briefly.');
    expect(await changed.locator('td.right').innerText()).toBe('Answer thoroughly.');
    expect(await diff.locator('tr.added td.right').allInnerTexts()).toContain('[config]');
    expect(await page.getByTestId('diff-summary').innerText()).toMatch(/lines differ/);
  });

  it('keeps the audit trail: who, when, from, to, why', async () => {
    const { page } = ui;
    await page.goto('/artifacts/prompt/support');
    const rows = page.getByTestId('history-table').locator('tbody tr[data-type="label_moved"]');
    await rows.first().waitFor();
    const newest = await rows.first().locator('td').allInnerTexts();
    expect(newest.slice(1)).toEqual([
      'ada',
      'production moved',
      'v1',
      'v2',
      'longer answers won the eval',
    ]);
  });

  it('starts a canary from the form, gated on a chosen evaluator, and shows both arms', async () => {
    const { page } = ui;
    const router = '/api/artifacts/model/router';
    await api('POST', `${router}/versions`, { content: { model: 'gpt-4o-2024-08-06' } });
    await api('POST', `${router}/versions`, { content: { model: 'gpt-4o-2024-11-20' } });
    await api('PUT', `${router}/labels/production`, { version: 1, reason: 'launch' });
    await api('PUT', '/api/online-eval/rules', {
      rules: [{ id: 'r', segment: {}, rate: 1, assert: [{ type: 'glassbox:no-refusal' }] }],
    });
    await page.goto('/artifacts/model/router');
    const form = page.getByTestId('canary-form');
    await form.waitFor();
    expect(await form.locator('select[name="version"]').inputValue()).toBe('2');
    await form.locator('input[name="percent"]').fill('150');
    await form.getByRole('button', { name: 'Start canary' }).click();
    expect(await page.getByTestId('canary-error').innerText()).toMatch(/percent/);
    await form.locator('input[name="percent"]').fill('10');
    await form.locator('input[name="ramp"]').fill('50, 100');
    await page.getByTestId('canary-evaluators').getByLabel('glassbox:no-refusal').check();
    await form.getByRole('button', { name: 'Start canary' }).click();
    const detail = page.getByTestId('canary-detail');
    await detail.waitFor();
    expect(await detail.getAttribute('data-status')).toBe('running');
    expect(await detail.innerText()).toMatch(
      /v2 on production at 10 % of users, ramp next 50 → 100 %/,
    );
    const arms = page.getByTestId('canary-arms');
    expect(
      await arms
        .locator('[data-metric]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-metric'))),
    ).toEqual(['error', 'glassbox:no-refusal']);
    expect(await page.getByTestId('canary-form').count()).toBe(0);
  });

  it('rolls a label back through the UI, refusing a move without a reason', async () => {
    const { page } = ui;
    await page.goto('/artifacts/prompt/support');
    const label = page.locator('[data-label="production"]');
    await label.getByRole('button', { name: 'Roll back…' }).click();
    const form = page.getByTestId('rollback-form');
    // The rollback target defaults to where the label was before its latest move.
    expect(await form.locator('select[name="version"]').inputValue()).toBe('1');
    await form.getByRole('button', { name: 'Move label' }).click();
    expect(await page.getByTestId('rollback-error').innerText()).toContain('Say why');
    await form.locator('input[name="reason"]').fill('refusals up 4x after v2');
    await form.getByRole('button', { name: 'Move label' }).click();
    await page.getByTestId('label-production-version').getByText('v1').waitFor();
    const newest = page.getByTestId('history-table').locator('tbody tr').first();
    await newest.getByText('refusals up 4x after v2').waitFor();
    expect(await newest.locator('td').nth(3).innerText()).toBe('v2');
    const stored = (await api('GET', `${BASE}/history?limit=1`)) as {
      items: { actor: string; from: number; to: number }[];
    };
    expect(stored.items[0]).toMatchObject({ actor: 'ui', from: 2, to: 1 });
    await ui.screenshot('artifact-rollback');
  });

  it("shows the canary's arms against the sequential test's boundary", async () => {
    const { page } = ui;
    await page.goto('/artifacts/prompt/support');
    const canary = page.getByTestId('canary-detail');
    await canary.waitFor();
    expect(await canary.getAttribute('data-status')).toBe('running');
    const row = page.getByTestId('canary-arms').locator('[data-metric="error"]');
    const cells = await row.locator('td').allInnerTexts();
    expect(cells[1]).toBe('10 / 200 (5.00 %)');
    expect(cells[2]).toBe('3 / 40 (7.50 %)');
    expect(cells[4]).toMatch(/^\+\d+\.\d\d %$/);
    // 2.5 points worse is not yet past the boundary at these sample sizes.
    expect(Number(cells[4]!.replace(/[+ %]/g, ''))).toBeGreaterThan(2.5);
  });

  it('shows live sessions per version and their drain chart', async () => {
    const { page } = ui;
    await page.goto('/artifacts/prompt/support');
    const pins = page.getByTestId('live-pins');
    await pins.waitFor();
    expect(await pins.locator('[data-pin="production@1"] td').last().innerText()).toBe('3');
    expect(await pins.locator('[data-pin="production@2"] td').last().innerText()).toBe('2');
    await page.getByTestId('drain-chart').waitFor();
    await ui.screenshot('artifact-drain');
  });

  it('marks a protected, frozen label and shows why a move is refused', async () => {
    const { page } = ui;
    await api('PUT', `${BASE}/labels/production/protection`, { protected: true, reason: 'evals' });
    await api('PUT', `${BASE}/labels/production/hold`, {
      mode: 'freeze',
      reason: 'refusal alarm',
      incidentId: 'inc-9',
    });
    await page.goto('/artifacts/prompt/support');
    const frozen = page.getByTestId('label-production-frozen');
    await frozen.waitFor();
    expect(await frozen.innerText()).toContain('inc-9');
    await page
      .locator('[data-label="production"]')
      .getByRole('button', { name: 'Roll back…' })
      .click();
    const form = page.getByTestId('rollback-form');
    await form.locator('input[name="reason"]').fill('try anyway');
    await form.locator('input[name="override"]').check();
    await form.getByRole('button', { name: 'Move label' }).click();
    expect(await page.getByTestId('rollback-error').innerText()).toMatch(/^label_frozen: .*inc-9/);
    await api('POST', `${BASE}/labels/production/release`, { reason: 'reviewed' });
  });

  it('says so when an artifact does not exist', async () => {
    const { page } = ui;
    await page.goto('/artifacts/prompt/nope');
    const error = page.getByTestId('error-state');
    await error.waitFor();
    expect(await error.innerText()).toContain('prompt "nope" does not exist');
  });
});
