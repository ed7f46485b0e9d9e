import type { Alert } from '@glassbox/core/detect';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_PAGE_MONITORS, alertPageTraffic, KNOWN_MODELS } from './alert-page-fixtures.js';
import { exportRequest } from './otlp-fixtures.js';
import { ARTIFACTS, startUiHarness, type UiHarness } from './ui-harness.js';

/*
 * Regression tests for three alert-page defects: the evidence table overflowed its card and
 * hid the "current" column; the metric chart drew nothing while its legend listed series; a
 * rate alert said "baseline 8.27 %" beside a chart centred on 0.00 %.
 */

let ui: UiHarness;
let alerts: Alert[];

const alertOf = (monitorId: string): Alert => {
  const found = alerts.find((a) => a.monitorId === monitorId);
  if (!found)
    throw new Error(`no alert for ${monitorId}: ${alerts.map((a) => a.monitorId).join()}`);
  return found;
};

beforeAll(async () => {
  ui = await startUiHarness({ detection: { intervalMs: 150, settleMs: 0 } });
  await ui.addMonitors(ALERT_PAGE_MONITORS);
  await ui.ingest(exportRequest(alertPageTraffic(Date.now() - 60_000)));
  alerts = await ui.waitForAlerts(ALERT_PAGE_MONITORS.map((m) => m.id));
}, 30_000);

afterAll(async () => {
  await ui?.close();
});

/** Tables (and their cells) that reach past the right edge of their card or of the window. */
async function overflowingTables(page: Page): Promise<string[]> {
  return page.locator('table').evaluateAll((tables) =>
    tables.flatMap((table) => {
      const card = table.closest('.panel') ?? table.parentElement!;
      const right = Math.min(card.getBoundingClientRect().right, window.innerWidth);
      const cells = [table, ...table.querySelectorAll('th, td')];
      return cells
        .filter((el) => el.getBoundingClientRect().right > right + 0.5)
        .map(
          (el) =>
            `${table.getAttribute('data-testid') ?? 'table'}: ${el.tagName} "${(el.textContent ?? '').slice(0, 40)}" ends at ${Math.round(el.getBoundingClientRect().right)} past ${Math.round(right)}`,
        );
    }),
  );
}

describe('alert page', () => {
  for (const width of [1440, 390]) {
    it(`keeps every table inside its card at ${width} px, the current column visible`, async () => {
      const { page } = ui;
      await page.setViewportSize({ width, height: 900 });
      try {
        for (const monitorId of ['lookup-model', 'checkout-errors']) {
          await page.goto(`/alerts/${alertOf(monitorId).id}`);
          const table = page.getByTestId('evidence-table');
          await table.waitFor();
          await page.getByTestId('metric-around').waitFor();
          await page.screenshot({
            path: `${ARTIFACTS}/alert-${monitorId}-${width}.png`,
            fullPage: true,
          });
          expect(await overflowingTables(page)).toEqual([]);
          // Nor do the title, the message or any card reach past the window.
          const wide = await page
            .locator('.alert-page')
            .evaluate((el) =>
              [...el.querySelectorAll('h1, .lead, .panel, .stats')]
                .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
                .map((e) => `${e.tagName}.${e.className}`),
            );
          expect(wide).toEqual([]);
          const current = table.locator('th', { hasText: 'Current' });
          expect(await current.isVisible()).toBe(true);
          const box = (await current.boundingBox())!;
          expect(box.x + box.width).toBeLessThanOrEqual(width);
        }
        // The long known model names are all there, wrapped rather than cut.
        await page.goto(`/alerts/${alertOf('lookup-model').id}`);
        const text = await page.getByTestId('evidence-table').innerText();
        for (const model of KNOWN_MODELS) expect(text.replace(/\s/g, '')).toContain(model);
      } finally {
        await page.setViewportSize({ width: 1440, height: 900 });
      }
    });
  }

  it('draws every series its metric chart lists, even buckets with no neighbour', async () => {
    const { page } = ui;
    await page.goto(`/alerts/${alertOf('lookup-model').id}`);
    const chart = page.getByTestId('metric-around');
    await chart.waitFor();
    const series = await chart.locator('path[data-role="data"]').evaluateAll((paths) =>
      paths.map((p) => ({
        series: p.getAttribute('data-series'),
        drawsLine: /L/.test(p.getAttribute('d') ?? ''),
        dots: (p as SVGElement).ownerSVGElement!.querySelectorAll(
          `circle[data-series="${p.getAttribute('data-series')}"]`,
        ).length,
      })),
    );
    const legend = page.locator('.chart-panel:has([data-testid="metric-around"]) .chart-legend li');
    expect(series.length).toBeGreaterThanOrEqual(2);
    expect(await legend.count()).toBe(series.length);
    for (const s of series) expect(s.drawsLine || s.dots > 0, `series ${s.series}`).toBe(true);
    // The new model's buckets are four minutes apart: drawn as dots, not as an empty chart.
    expect(series.some((s) => !s.drawsLine && s.dots > 0)).toBe(true);
    await chart.scrollIntoViewIfNeeded();
    await ui.screenshot('alert-sparse-metric');
  });

  it("centres a rate alert's metric chart on the baseline its evidence names", async () => {
    const { page } = ui;
    const alert = alertOf('checkout-errors');
    await page.goto(`/alerts/${alert.id}`);
    await page.getByTestId('metric-around').waitFor();
    const rate = page.locator('[data-testid="evidence-table"] tr', { hasText: 'rate' }).first();
    const baseline = (await rate.locator('td').nth(1).innerText()).trim();
    const p0 = alert.evidence.baseline.rate as number;
    expect(Number.parseFloat(baseline)).toBeCloseTo(p0 * 100, 1);
    expect(p0).toBeGreaterThan(0.05);
    const legend = await page
      .locator('.chart-panel:has([data-testid="metric-around"]) .chart-legend')
      .innerText();
    expect(legend).toContain(`baseline p0 = ${baseline}`);
    // The centre line sits at p0, well above the 0 % grid line.
    const [centreY, zeroY] = await page.getByTestId('metric-around').evaluate((svg) => {
      const centre = svg.querySelector('path[data-role="centre"]')!.getAttribute('d')!;
      const zero = [...svg.querySelectorAll('.grid')].find((g) => g.textContent === '0 %');
      return [
        Number(/^M[\d.]+,([\d.]+)/.exec(centre)![1]),
        Number(zero?.querySelector('line')?.getAttribute('y1')),
      ];
    });
    expect(zeroY - centreY).toBeGreaterThan(5);
    await page.getByTestId('metric-around').scrollIntoViewIfNeeded();
    await ui.screenshot('alert-rate-baseline');
  });
});
