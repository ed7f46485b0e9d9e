import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRequest } from './otlp-fixtures.js';
import { LONG_MODEL, LONG_SESSION, listTraces } from './list-fixtures.js';
import { startUiHarness, type UiHarness } from './ui-harness.js';

// Regression tests for the list pages of issue 11: a trace list that cut off Failures and
// said "unset", search that matched system prompts, a Failures page stuck on the last 24 h,
// no sessions list, a wrong message for a malformed trace id, and a phone-width top bar.

const now = Date.now();
const t = listTraces(now);
const all = [t.shipping, t.refundAsked, t.truncated, t.errored, t.oldFailure];

let ui: UiHarness;

beforeAll(async () => {
  ui = await startUiHarness();
  await ui.ingest(exportRequest(all.flatMap((trace) => trace.spans)));
}, 60_000);

afterAll(async () => {
  await ui?.close();
});

const WIDTHS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
];

const rows = () => ui.page.locator('[data-testid="traces-table"] [role="row"]');
const rowOf = (traceId: string) => ui.page.locator(`[data-trace-id="${traceId}"]`);

/** Every table on the page whose box ends right of its card's inner edge, or of the window. */
async function overflowingTables(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    const tables = document.querySelectorAll('.table, table');
    for (const table of tables) {
      const card = (table.closest('.table-card, .panel') as HTMLElement | null) ?? table;
      const cardBox = card.getBoundingClientRect();
      const limit = Math.min(cardBox.right, document.documentElement.clientWidth) + 0.5;
      const cells = table.querySelectorAll('[role="columnheader"], [role="gridcell"], th, td');
      for (const cell of cells) {
        const box = cell.getBoundingClientRect();
        if (box.width > 0 && box.right > limit)
          bad.push(`${cell.className || cell.tagName} ends at ${box.right} > ${limit}`);
      }
      const el = table as HTMLElement;
      if (el.scrollWidth > el.clientWidth + 1)
        bad.push(`${el.className} scrolls: ${el.scrollWidth} > ${el.clientWidth}`);
    }
    return bad;
  });
}

async function pageOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

describe('trace list', () => {
  for (const size of WIDTHS) {
    it(`keeps Failures visible and every table inside its card at ${size.width} px`, async () => {
      const { page } = ui;
      await page.setViewportSize(size);
      await page.goto('/traces');
      await expect.poll(() => rows().count()).toBe(5);
      const header = page.locator('.traces-table [role="columnheader"].col-failures');
      expect(await header.isVisible()).toBe(true);
      const badge = rowOf(t.truncated.traceId).locator('[data-category]');
      expect(await badge.first().isVisible()).toBe(true);
      expect(await overflowingTables(page)).toEqual([]);
      expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
      // "+N more categories" stays inside its cell: the first badge shrinks instead.
      const more = rowOf(t.errored.traceId).locator('.col-failures .more');
      expect(await more.innerText()).toMatch(/^\+\d+$/);
      const [moreBox, cellBox] = await Promise.all([
        more.boundingBox(),
        rowOf(t.errored.traceId).locator('.col-failures').boundingBox(),
      ]);
      expect(moreBox!.x + moreBox!.width).toBeLessThanOrEqual(cellBox!.x + cellBox!.width + 0.5);
      // The table starts within the first screen, not below a wall of filters.
      expect((await page.locator('.traces-table').boundingBox())!.y).toBeLessThan(size.height / 2);
      await ui.screenshot(`lists-traces-${size.width}`);
    });
  }

  it('shows ok / failed / error instead of OTel status, and filters by it on the server', async () => {
    const { page } = ui;
    await page.setViewportSize(WIDTHS[0]!);
    await page.goto('/traces');
    await expect.poll(() => rows().count()).toBe(5);
    const outcome = (id: string) =>
      rowOf(id).locator('[data-outcome]').getAttribute('data-outcome');
    expect(await outcome(t.refundAsked.traceId)).toBe('ok');
    expect(await outcome(t.truncated.traceId)).toBe('failed');
    expect(await outcome(t.errored.traceId)).toBe('error');
    expect(await page.locator('[data-testid="traces-table"]').innerText()).not.toMatch(/\bunset\b/);
    await page.selectOption('select[name="outcome"]', 'failed');
    await page.waitForURL(/outcome=failed/);
    // Failed = the classifier found something and no span errored.
    const listed: { items: { traceId: string; status: string; categories?: string[] }[] } = await (
      await fetch(`${ui.server.url}/api/traces?limit=100`)
    ).json();
    const failed = listed.items
      .filter((i) => i.status !== 'error' && (i.categories ?? []).length > 0)
      .map((i) => i.traceId);
    expect(failed).toContain(t.truncated.traceId);
    expect(failed).toContain(t.oldFailure.traceId);
    expect(failed).not.toContain(t.refundAsked.traceId);
    await expect.poll(() => rows().count()).toBe(failed.length);
    const ids = await rows().evaluateAll((els) =>
      els.map((el) => el.getAttribute('data-trace-id')),
    );
    expect(ids.sort()).toEqual(failed.sort());
    const api = await (await fetch(`${ui.server.url}/api/traces?outcome=error`)).json();
    expect(api.items.map((i: { traceId: string }) => i.traceId)).toEqual([t.errored.traceId]);
  });

  it('gives cut values their full text on hover and on keyboard focus', async () => {
    const { page } = ui;
    await page.setViewportSize(WIDTHS[0]!);
    await page.goto('/traces');
    await expect.poll(() => rows().count()).toBe(5);
    const row = rowOf(t.refundAsked.traceId);
    const session = row.locator('.col-session button');
    expect(await session.getAttribute('title')).toContain(LONG_SESSION);
    expect(await row.locator('.col-model button').getAttribute('title')).toContain(LONG_MODEL);
    // The cell really is cut: its text is wider than its box.
    expect(await session.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await page.locator('[data-testid="traces-table"]').focus();
    const index = await rows().evaluateAll(
      (els, id) => els.findIndex((el) => el.getAttribute('data-trace-id') === id),
      t.refundAsked.traceId,
    );
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    const detail = page.getByTestId('active-trace-detail');
    await expect.poll(() => detail.innerText()).toContain(LONG_SESSION);
    expect(await detail.innerText()).toContain(LONG_MODEL);
    expect(await detail.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  });
});

describe('search scope', () => {
  it('searches the question and answer by default, everything on request, and marks matches', async () => {
    const { page } = ui;
    await page.setViewportSize(WIDTHS[0]!);
    await page.goto('/traces');
    await expect.poll(() => rows().count()).toBe(5);
    await page.fill('input[name="q"]', 'refund');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=refund/);
    // "refund" is in every trace's system prompt; only two ask or answer about it.
    await expect.poll(() => rows().count()).toBe(2);
    const ids = await rows().evaluateAll((els) =>
      els.map((el) => el.getAttribute('data-trace-id')),
    );
    expect(ids.sort()).toEqual([t.refundAsked.traceId, t.truncated.traceId].sort());
    const marks = await page
      .locator('[data-testid="traces-table"] mark')
      .evaluateAll((els) => els.map((el) => el.textContent));
    expect(marks.sort()).toEqual(['Refund', 'refund']);

    await page.selectOption('select[name="scope"]', 'all');
    await page.waitForURL(/scope=all/);
    await expect.poll(() => rows().count()).toBe(5);
    await page.selectOption('select[name="scope"]', 'output');
    await page.waitForURL(/scope=output/);
    await expect.poll(() => rows().count()).toBe(1);

    await page.goto('/traces?q=refund');
    await expect.poll(() => rows().count()).toBe(2);
    await rowOf(t.refundAsked.traceId).locator('.col-name a').click();
    await page.waitForURL(new RegExp(`/traces/${t.refundAsked.traceId}\\?q=refund`));
    const matches = page.getByTestId('search-matches');
    await expect.poll(() => matches.locator('mark').count()).toBeGreaterThan(0);
    expect(await matches.innerText()).toContain('question');
    expect(await matches.locator('mark').first().innerText()).toBe('refund');
    // The span inspector marks it too, in the root's input.
    const inspectorMark = page.locator('.inspector-panel pre mark');
    await expect.poll(() => inspectorMark.count()).toBeGreaterThan(0);
    expect(await inspectorMark.first().innerText()).toBe('refund');
    await ui.screenshot('lists-trace-search');
  });
});

describe('sessions list', () => {
  for (const size of WIDTHS) {
    it(`lists sessions with turns, failures, cost and last seen at ${size.width} px`, async () => {
      const { page } = ui;
      await page.setViewportSize(size);
      await page.goto('/sessions');
      const table = page.getByTestId('sessions-table');
      await table.waitFor();
      const sessions = await table
        .locator('tbody tr')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-session-id')));
      expect(sessions).toEqual(['sess-short', LONG_SESSION, 'sess-old']);
      const short = await table.locator('tr[data-session-id="sess-short"]').innerText();
      expect(short).toMatch(/\b2\b/);
      expect(await overflowingTables(page)).toEqual([]);
      expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
      await ui.screenshot(`lists-sessions-${size.width}`);
    });
  }

  it('opens a session with its timeline of turns', async () => {
    const { page } = ui;
    await page.setViewportSize(WIDTHS[0]!);
    await page.goto('/sessions');
    await page.locator('tr[data-session-id="sess-short"] a').click();
    await page.waitForURL('**/sessions/sess-short');
    const marks = page.locator('[data-testid="session-timeline"] [data-outcome]');
    await expect.poll(() => marks.count()).toBe(2);
    expect(
      await marks.evaluateAll((els) => els.map((el) => el.getAttribute('data-outcome'))),
    ).toEqual(['failed', 'error']);
    expect(await page.getByTestId('turn').count()).toBe(2);
  });
});

describe('failures page', () => {
  it('opens on the range that has data and keeps it in the URL', async () => {
    const { page } = ui;
    await page.setViewportSize(WIDTHS[0]!);
    await page.goto('/failures');
    await page.waitForURL(/\/failures\?from=.*&to=/);
    const totals = page.getByTestId('failure-totals');
    await totals.waitFor();
    // The 20-day-old failure is counted beside today's: the last 24 hours would miss it.
    const row = totals.locator('tr:has([data-category="incomplete_response"])');
    expect(await row.locator('td.num').innerText()).toBe('2');
    const url = page.url();
    await page.reload();
    await totals.waitFor();
    expect(page.url()).toBe(url);
    expect(await row.locator('td.num').innerText()).toBe('2');
    await page.selectOption('select[name="range"]', '24h');
    await page.waitForURL(/range=24h/);
    await expect.poll(() => row.locator('td.num').innerText()).toBe('1');
    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      expect(await overflowingTables(page)).toEqual([]);
    }
  });
});

describe('malformed trace id', () => {
  it('names the problem instead of blaming filters', async () => {
    const { page } = ui;
    await page.setViewportSize(WIDTHS[0]!);
    await page.goto('/traces/not-a-hex-id');
    const state = page.getByTestId('bad-trace-id');
    await state.waitFor();
    const text = await state.innerText();
    expect(text).toContain('"not-a-hex-id" is not a trace id');
    expect(text).toContain('32 hexadecimal digits');
    expect(await page.content()).not.toContain('change or clear the filters');
  });
});

describe('phone width', () => {
  it('folds the navigation behind a menu button', async () => {
    const { page } = ui;
    await page.setViewportSize(WIDTHS[1]!);
    await page.goto('/traces');
    const nav = page.getByRole('navigation', { name: 'Main' });
    const menu = page.getByRole('button', { name: /Menu/ });
    expect(await menu.isVisible()).toBe(true);
    expect(await nav.isVisible()).toBe(false);
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    const topbar = await page.locator('.topbar').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(topbar).toBeLessThanOrEqual(0);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await nav.getByRole('link', { name: 'Sessions' }).click();
    await page.waitForURL('**/sessions');
    expect(await nav.isVisible()).toBe(false);
    await page.setViewportSize(WIDTHS[0]!);
    expect(await menu.isVisible()).toBe(false);
    expect(await nav.isVisible()).toBe(true);
  });

  it('folds the less used trace filters behind a toggle', async () => {
    const { page } = ui;
    await page.setViewportSize(WIDTHS[1]!);
    await page.goto('/traces');
    const model = page.locator('input[name="model"]');
    expect(await page.locator('input[name="q"]').isVisible()).toBe(true);
    expect(await page.locator('select[name="outcome"]').isVisible()).toBe(true);
    expect(await model.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'More filters' }).click();
    expect(await model.isVisible()).toBe(true);
    await page.setViewportSize(WIDTHS[0]!);
    expect(await page.getByRole('button', { name: /filters$/ }).isVisible()).toBe(false);
  });

  it('keeps the trace page usable: no sideways scroll, waterfall and inspector reachable', async () => {
    const { page } = ui;
    await page.setViewportSize(WIDTHS[1]!);
    await page.goto(`/traces/${t.truncated.traceId}`);
    await page.locator('[data-testid="waterfall"]').waitFor();
    // The heading says what happened to the trace, not OTel's status.
    expect(await page.locator('h1 [data-outcome]').getAttribute('data-outcome')).toBe('failed');
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    const offscreen = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      return [...document.querySelectorAll('.trace-page *')]
        .filter((el) => {
          const box = el.getBoundingClientRect();
          return box.width > 0 && box.right > width + 0.5 && !el.closest('.vlist, pre, .waterfall');
        })
        .map((el) => `${el.tagName}.${el.className}`)
        .slice(0, 10);
    });
    expect(offscreen).toEqual([]);
    await page.locator('[data-testid="waterfall"] [role="row"]').nth(1).click();
    await expect.poll(() => page.url()).toMatch(/span=/);
    expect(await page.getByRole('tab').first().isVisible()).toBe(true);
    expect(await overflowingTables(page)).toEqual([]);
    await ui.screenshot('lists-trace-390');
  });
});
