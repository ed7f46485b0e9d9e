import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRequest, hexId, type SpanInput } from './otlp-fixtures.js';
import { startUiHarness, type UiHarness } from './ui-harness.js';

/*
 * Monitors that have not learnt their baseline say so: "learning baseline (n of N)" and when
 * they will be armed, never "in control" (regression: "Rate of duplicate side effect: in
 * control" beside 29 duplicate bookings). The empty alerts and incidents pages promise no catch.
 */

const REQUESTS = 100;
let ui: UiHarness;

/** One healthy LLM request a minute, ending a minute ago. */
function steadyTraffic(): SpanInput[] {
  const start = Date.now() - (REQUESTS + 1) * 60_000;
  return Array.from({ length: REQUESTS }, (_, i) => ({
    traceId: hexId('c4', i, 32),
    spanId: hexId('d4', i, 16),
    name: 'answer',
    startMs: start + i * 60_000,
    durationMs: 500 + (i % 5) * 40,
    attributes: {
      'openinference.span.kind': 'LLM',
      'llm.model_name': 'gpt-4o-mini',
      'input.value': `question ${i}`,
      'output.value': `answer ${i}`,
    },
  }));
}

beforeAll(async () => {
  ui = await startUiHarness({ detection: { intervalMs: 150, settleMs: 0 } });
  await ui.ingest(exportRequest(steadyTraffic()));
  const deadline = Date.now() + 15_000;
  for (;;) {
    const response = await fetch(`${ui.server.url}/api/monitors/error-rate`);
    if (response.ok) {
      const m = (await response.json()) as { progress: { seen: number } };
      if (m.progress.seen === REQUESTS) break;
    }
    if (Date.now() > deadline) throw new Error('detection did not read the traffic');
    await new Promise((r) => setTimeout(r, 200));
  }
}, 30_000);

afterAll(async () => {
  await ui?.close();
});

describe('monitor arming', () => {
  it('shows "learning baseline (n of N)" and when each monitor arms, never "in control"', async () => {
    const { page } = ui;
    await page.goto('/monitors');
    const card = page.locator('[data-monitor-id="error-rate"]');
    await card.waitFor();
    const badge = await card.locator('.monitor-head .badge').innerText();
    expect(badge).toBe(`learning baseline (${REQUESTS} of 1,000)`);
    // 100 requests a minute apart: 60 an hour, 900 to go.
    expect(await card.getByTestId('monitor-detail').innerText()).toBe(
      'judges nothing until armed; at 60 requests/h, armed in about 15h 0m',
    );
    await card.getByTestId('chart-learning').waitFor();
    expect(await card.getByTestId('chart-learning').innerText()).toContain(
      `learning baseline (${REQUESTS} of 1,000)`,
    );
    // No monitor claims to be in control: none has learnt its baseline from 100 requests.
    const badges = await page.locator('[data-monitor-id] .monitor-head .badge').allInnerTexts();
    expect(badges.length).toBeGreaterThan(10);
    expect(badges.filter((b) => b === 'in control')).toEqual([]);
    const note = await page.getByTestId('arming-note').innerText();
    expect(note).toContain('learning baseline (n of N)');
    expect(note).toContain('docs/monitor-arming.md');
    await ui.screenshot('monitors-learning');
  });

  it('words the empty alerts and incidents pages without promising a catch', async () => {
    const { page } = ui;
    for (const [path, testId] of [
      ['/alerts', 'alerts-empty'],
      ['/incidents', 'incidents-empty'],
    ] as const) {
      await page.goto(path);
      await page.getByTestId(testId).waitFor();
      const text = await page.getByTestId(testId).innerText();
      expect(text).not.toMatch(/catch/i);
      expect(text).toContain('judges nothing until it is armed');
      expect(text).toContain('only if the monitors it trips were armed before it began');
      await page
        .getByTestId(testId)
        .getByTestId('detection-empty-note')
        .getByRole('link', { name: 'Monitors' })
        .click();
      await page.waitForURL('**/monitors');
    }
  });
});
