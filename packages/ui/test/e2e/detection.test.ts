import type { Alert, Incident } from '@glassbox/core/detect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftingTraffic, TEST_MONITORS } from './detection-fixtures.js';
import { exportRequest } from './otlp-fixtures.js';
import { createServer } from '@glassbox/server';
import { createMemoryStorage } from '@glassbox/store';
import { ARTIFACTS, startUiHarness, UI_DIR, type UiHarness } from './ui-harness.js';

const traffic = shiftingTraffic(Date.now() - 50 * 60_000, {
  total: 600,
  shifted: 200,
  everyMs: 5_000,
});
let ui: UiHarness;
let alerts: Alert[];
let incident: Incident;

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${ui.server.url}${path}`);
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const alertOf = (monitorId: string): Alert => {
  const found = alerts.find((a) => a.monitorId === monitorId);
  if (!found)
    throw new Error(`no alert for ${monitorId}: ${alerts.map((a) => a.monitorId).join()}`);
  return found;
};

beforeAll(async () => {
  ui = await startUiHarness({ detection: { intervalMs: 150, settleMs: 0 } });
  await ui.addMonitors(TEST_MONITORS);
  await ui.ingest(exportRequest(traffic.spans));
  alerts = await ui.waitForAlerts(TEST_MONITORS.map((m) => m.id));
  const incidents = (await getJson<{ items: Incident[] }>('/api/incidents')).items;
  expect(incidents).toHaveLength(1);
  incident = incidents[0]!;
}, 30_000);

afterAll(async () => {
  await ui?.close();
});

describe('alerts', () => {
  it('lists open alerts with severity, monitor, metric and segment, filters them, and counts them in the header', async () => {
    const { page } = ui;
    await page.goto('/alerts');
    const rows = page.locator('[data-testid="alerts-table"] tbody tr');
    await expect.poll(() => rows.count()).toBe(alerts.length);
    const refund = alertOf('refund-errors');
    const row = page.locator(`[data-alert-id="${refund.id}"]`);
    const text = await row.innerText();
    expect(text).toContain('Refund errors');
    expect(text).toContain('critical');
    expect(text).toContain('error_rate');
    expect(text).toContain('route=refund');
    expect(text).toContain('open');
    // Critical first: the list puts the worst unresolved alert on top.
    expect(await rows.first().getAttribute('data-alert-id')).toBe(refund.id);
    const open = alerts.filter((a) => a.status === 'open').length;
    await expect.poll(() => page.getByTestId('open-alert-count').innerText()).toBe(String(open));
    await ui.screenshot('alerts');

    await page.selectOption('select[name="severity"]', 'critical');
    await page.waitForURL(/severity=critical/);
    await expect.poll(() => rows.count()).toBe(1);
    await page.selectOption('select[name="status"]', 'resolved');
    await page.waitForURL(/status=resolved/);
    await page.getByTestId('alerts-empty').waitFor();
    expect(await page.getByTestId('alerts-empty').innerText()).toContain('glassbox demo');
  });

  it('shows a CUSUM alert: baseline vs current, statistic vs h, the control chart and example traces', async () => {
    const { page } = ui;
    const refund = alertOf('refund-errors');
    await page.goto('/alerts');
    await page.getByRole('link', { name: 'Refund errors' }).click();
    await page.waitForURL(`**/alerts/${refund.id}`);
    const chart = page.getByTestId('control-chart');
    await chart.waitFor();
    expect(Number(await chart.getAttribute('data-alarms'))).toBeGreaterThan(0);
    expect(await chart.locator('path[data-role="limit"]').count()).toBe(1);
    expect(await chart.locator('path[data-role="centre"]').count()).toBe(1);
    expect(await chart.locator('[data-alarm="true"]').count()).toBeGreaterThan(0);
    const evidence = await page.getByTestId('evidence-table').innerText();
    expect(evidence).toContain('5 %'); // the baseline rate p0
    expect(evidence).toMatch(/decision limit h/);
    expect(await page.getByTestId('evidence-threshold').innerText()).toBe('4');
    expect(Number(await page.getByTestId('evidence-statistic').innerText())).toBeGreaterThanOrEqual(
      4,
    );
    await page.getByTestId('metric-around').waitFor();
    const examples = page.locator('[data-testid="example-traces"] a');
    expect(await examples.count()).toBe(refund.evidence.exampleTraceIds.length);
    const traceId = refund.evidence.exampleTraceIds[0]!;
    expect(traffic.refundTraceIds).toContain(traceId);
    await ui.screenshot('alert-cusum');
    await page.locator(`a[href="/traces/${traceId}"]`).first().click();
    await page.waitForURL(`**/traces/${traceId}`);
    await page.locator('[data-testid="waterfall"]').waitFor();
  });

  it('shows an EWMA alert with limits on both sides of the centre, and acknowledges it', async () => {
    const { page } = ui;
    await page.goto(`/alerts/${alertOf('refund-latency').id}`);
    const chart = page.getByTestId('control-chart');
    await chart.waitFor();
    expect(await chart.locator('path[data-role="limit"]').count()).toBe(2);
    expect(Number(await chart.getAttribute('data-alarms'))).toBeGreaterThan(0);
    const before = Number(await page.getByTestId('open-alert-count').innerText());
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await page.locator('h1 .alert-acknowledged').waitFor();
    const latency = alertOf('refund-latency');
    expect((await getJson<Alert>(`/api/alerts/${latency.id}`)).status).toBe('acknowledged');
    await page.goto('/alerts?status=open');
    await expect
      .poll(() => page.getByTestId('open-alert-count').innerText())
      .toBe(String(before - 1));
    expect(await page.locator(`[data-alert-id="${latency.id}"]`).count()).toBe(0);
  });

  it('shows the drift of a share-shift alert as baseline vs current bars', async () => {
    const { page } = ui;
    await page.goto(`/alerts/${alertOf('route-mix').id}`);
    const bars = page.getByTestId('distribution');
    await bars.waitFor();
    expect(
      await bars
        .locator('[data-category]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-category'))),
    ).toEqual(expect.arrayContaining(['refund', 'search']));
    const refundCurrent = await bars.locator('[data-category="refund"] text.strong').textContent();
    expect(Number.parseFloat(refundCurrent ?? '')).toBeGreaterThan(50);
    await ui.screenshot('alert-drift');
    await page.getByTestId('theme-toggle').click();
    await page.getByTestId('theme-toggle').click();
    await ui.screenshot('alert-drift-dark');
    await page.getByTestId('theme-toggle').click();
  });
});

describe('incidents', () => {
  it('lists the incident and shows its timeline with the first anomaly, the alerts and the version change', async () => {
    const { page } = ui;
    await page.goto('/incidents');
    await page.locator(`[data-incident-id="${incident.id}"] a`).click();
    await page.waitForURL(`**/incidents/${incident.id}`);
    const items = page.locator('[data-testid="incident-timeline"] > li');
    await expect.poll(() => items.count()).toBe(incident.timeline.length);
    const types = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
    expect(types[0]).toBe('first_anomaly');
    expect(types).toContain('alert');
    expect(types).toContain('version_change');
    const versionText = await page.locator('[data-type="version_change"]').first().innerText();
    expect(versionText).toContain('support-v2');
    for (const id of incident.alertIds) {
      expect(
        await page.locator(`[data-testid="incident-timeline"] a[href="/alerts/${id}"]`).count(),
      ).toBeGreaterThan(0);
    }
    expect(
      await page.locator('[data-testid="incident-timeline"] a[href^="/traces/"]').count(),
    ).toBeGreaterThan(0);
    await ui.screenshot('incident');
    await page.getByTestId('theme-toggle').click();
    await page.getByTestId('theme-toggle').click();
    await ui.screenshot('incident-dark');
    await page.getByTestId('theme-toggle').click();
  });

  it('shows the postmortem draft with its four questions, cited traces and downloads', async () => {
    const { page } = ui;
    await page.goto(`/incidents/${incident.id}`);
    const panel = page.getByTestId('postmortem');
    await panel.locator('[data-question="detectionGap"]').waitFor();
    const text = (await panel.textContent()) ?? '';
    for (const question of [
      '1. What was the output',
      '2. What changed?',
      '3. Isolated or systematic?',
    ]) {
      expect(text).toContain(question);
    }
    // The prompt version moved to support-v2 at the shift: the top "what changed" item.
    expect(await panel.locator('[data-question="whatChanged"] li').first().innerText()).toContain(
      'support-v2',
    );
    expect(await panel.locator('a[href^="/traces/"]').count()).toBeGreaterThanOrEqual(3);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'YAML' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`postmortem-${incident.id}.yaml`);
    await panel.scrollIntoViewIfNeeded();
    await ui.screenshot('incident-postmortem');
  });
});

describe('monitors', () => {
  it('shows each monitor with its state and a control chart, and disables one', async () => {
    const { page } = ui;
    await page.goto('/monitors');
    const card = page.locator('[data-monitor-id="refund-errors"]');
    await card.locator('[data-testid="monitor-chart"]').waitFor();
    const text = await card.innerText();
    expect(text).toContain('in alarm');
    expect(text).toContain('error_rate');
    expect(text).toContain('route=refund');
    expect(text).toContain('bernoulli_cusum');
    expect(text).toContain('p0=0.05, h=4');
    // The p-chart of refund errors flags the buckets after the shift.
    expect(
      Number(await card.locator('[data-testid="monitor-chart"]').getAttribute('data-alarms')),
    ).toBeGreaterThan(0);
    // Monitors in alarm come first.
    const states = await page
      .locator('[data-monitor-id]')
      .evaluateAll((els) => els.map((e) => e.classList.contains('state-alarm')));
    const alarmed = states.filter(Boolean).length;
    expect(alarmed).toBeGreaterThanOrEqual(TEST_MONITORS.length);
    expect(states.slice(0, alarmed).every(Boolean)).toBe(true);
    await ui.screenshot('monitors');
    await page.getByTestId('theme-toggle').click();
    await page.getByTestId('theme-toggle').click();
    await ui.screenshot('monitors-dark');
    await page.getByTestId('theme-toggle').click();

    const model = page.locator('[data-monitor-id="model-change"]');
    await model.getByRole('button', { name: 'Disable' }).click();
    await expect.poll(() => model.innerText()).toContain('disabled');
    const stored = await getJson<{ enabled: boolean; detector: string }>(
      '/api/monitors/model-change',
    );
    expect(stored).toMatchObject({ enabled: false, detector: 'new_value' });
    await model.getByRole('button', { name: 'Enable' }).click();
    await expect
      .poll(async () => (await getJson<{ enabled: boolean }>('/api/monitors/model-change')).enabled)
      .toBe(true);
  });

  it('explores a metric by segment and bucket', async () => {
    const { page } = ui;
    await page.goto('/monitors');
    await page
      .locator('[data-monitor-id="refund-errors"]')
      .getByRole('link', { name: 'Explore metric' })
      .click();
    await page.waitForURL(/\/metrics\?metric=error_rate&segment=route%3Drefund/);
    const chart = page.getByTestId('metric-chart');
    await chart.waitFor();
    expect(await chart.locator('path[data-role="data"]').count()).toBe(1);
    expect(await chart.locator('path[data-role="centre"]').count()).toBe(1);
    const requests = traffic.refundTraceIds.length.toLocaleString('en-US');
    await expect
      .poll(() => page.locator('.metrics-page h2').innerText())
      .toContain(`${requests} requests`);
    await page.selectOption('select[name="bucket"]', '5m');
    await page.waitForURL(/bucket=5m/);
    await expect.poll(() => page.locator('.metrics-page h2').innerText()).toContain('per 5m');
    await ui.screenshot('metrics');
    await page.fill('input[name="metric"]', 'no_such_metric');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByTestId('error-state').waitFor();
    expect(await page.getByTestId('error-state').innerText()).toContain('unknown metric');
  });
});

describe('detection first run', () => {
  it('explains empty alerts, incidents and monitors pages', async () => {
    const empty = await createServer({
      storage: createMemoryStorage(),
      host: '127.0.0.1',
      port: 0,
      uiDir: UI_DIR,
      detection: { enabled: false },
    });
    const page = await ui.browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await page.goto(`${empty.url}/alerts`);
      await page.getByTestId('alerts-empty').waitFor();
      expect(await page.getByTestId('alerts-empty').innerText()).toContain('glassbox demo');
      expect(await page.getByTestId('open-alert-count').count()).toBe(0);
      await page.screenshot({ path: `${ARTIFACTS}/alerts-empty.png` });
      await page.goto(`${empty.url}/incidents`);
      await page.getByTestId('incidents-empty').waitFor();
      await page.goto(`${empty.url}/monitors`);
      await page.getByTestId('monitors-empty').waitFor();
      await page.goto(`${empty.url}/alerts/nope`);
      await page.getByTestId('alert-missing').waitFor();
    } finally {
      await page.close();
      await empty.close();
    }
  });
});
