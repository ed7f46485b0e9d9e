import type { Incident } from '@glassbox/core/detect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftingTraffic, TEST_MONITORS } from './detection-fixtures.js';
import { exportRequest } from './otlp-fixtures.js';
import { startUiHarness, type UiHarness } from './ui-harness.js';

const traffic = shiftingTraffic(Date.now() - 50 * 60_000, {
  total: 600,
  shifted: 200,
  everyMs: 5_000,
});
let ui: UiHarness;
let incident: Incident;

beforeAll(async () => {
  ui = await startUiHarness({ detection: { intervalMs: 150, settleMs: 0 } });
  await ui.addMonitors(TEST_MONITORS);
  await ui.ingest(exportRequest(traffic.spans));
  await ui.waitForAlerts(TEST_MONITORS.map((m) => m.id));
  const response = await fetch(`${ui.server.url}/api/incidents`);
  incident = ((await response.json()) as { items: Incident[] }).items[0]!;
}, 30_000);

afterAll(async () => {
  await ui?.close();
});

describe('incident workspace', () => {
  it('asks for a name, then changes the status, adds a note and ticks a runbook item, all on the timeline', async () => {
    const { page } = ui;
    await page.goto(`/incidents/${incident.id}`);
    const workspace = page.getByTestId('workspace');
    await expect
      .poll(() => workspace.getByTestId('workspace-status').getAttribute('data-status'))
      .toBe('triggered');

    // Without a name the action is refused in the page, before any request.
    await workspace.locator('[data-status-to="investigating"]').click();
    await expect
      .poll(() => workspace.getByTestId('workspace-error').innerText())
      .toContain('Enter your name first');

    await workspace.getByTestId('workspace-author').fill('Ana');
    await workspace.locator('[data-status-to="investigating"]').click();
    await expect
      .poll(() => workspace.getByTestId('workspace-status').getAttribute('data-status'))
      .toBe('investigating');
    // The lifecycle offers only the allowed moves: no way back to triggered.
    expect(await workspace.locator('[data-status-to="triggered"]').count()).toBe(0);

    await workspace.getByTestId('workspace-note').fill('refund errors started with support-v2');
    await workspace.getByRole('button', { name: 'Add note' }).click();
    await expect
      .poll(() => workspace.getByTestId('workspace-notes').innerText())
      .toContain('refund errors started with support-v2');
    expect(await workspace.getByTestId('workspace-notes').innerText()).toContain('Ana');

    const scope = workspace.locator('[data-item="review-scope"]');
    // The box is controlled by the stored state: it turns ticked once the server has it.
    await scope.locator('input[type="checkbox"]').click();
    await expect.poll(() => scope.getAttribute('data-done')).toBe('true');
    expect(await scope.getAttribute('data-by')).toBe('hand');
    expect(await scope.innerText()).toContain('ticked by Ana');
    // Acknowledging ticked the triage item by itself.
    expect(await workspace.locator('[data-item="acknowledge"]').getAttribute('data-done')).toBe(
      'true',
    );

    const timeline = page.getByTestId('workspace-timeline');
    await expect.poll(() => timeline.locator('[data-kind="note"]').count()).toBe(1);
    expect(await timeline.locator('[data-kind="status"]').innerText()).toContain(
      'triggered → investigating',
    );
    expect(await timeline.locator('[data-kind="alert_onset"]').count()).toBeGreaterThan(0);

    // The choice survives a reload: it is stored, not held in the page.
    await page.reload();
    await expect
      .poll(() => page.getByTestId('workspace-status').getAttribute('data-status'))
      .toBe('investigating');
    await ui.screenshot('incident-workspace');
  });

  it('resolves and reopens the incident', async () => {
    const { page } = ui;
    await page.goto(`/incidents/${incident.id}`);
    const workspace = page.getByTestId('workspace');
    await workspace.getByTestId('workspace-author').fill('Bo');
    await workspace.locator('[data-status-to="resolved"]').click();
    await expect
      .poll(() => workspace.getByTestId('workspace-status').getAttribute('data-status'))
      .toBe('resolved');
    await workspace.getByRole('button', { name: 'Reopen' }).click();
    await expect
      .poll(() => workspace.getByTestId('workspace-status').getAttribute('data-status'))
      .toBe('investigating');
    expect(await workspace.innerText()).toContain('reopened 1×');
    await expect
      .poll(() => page.getByTestId('workspace-timeline').locator('[data-kind="reopened"]').count())
      .toBe(1);
  });

  it('saves an edited postmortem as version 1 over the generated draft', async () => {
    const { page } = ui;
    await page.goto(`/incidents/${incident.id}`);
    const versions = page.getByTestId('postmortem-versions');
    await expect
      .poll(() => versions.getByTestId('postmortem-version-shown').innerText())
      .toContain('Version 0 · glassbox');
    await versions.getByTestId('postmortem-edit').click();
    const editor = versions.getByTestId('postmortem-editor');
    await editor.fill(`${await editor.inputValue()}\nReviewed: prompt support-v2 rolled back.`);
    await versions.getByTestId('postmortem-save').click();
    await expect
      .poll(() => versions.getByTestId('postmortem-version-shown').innerText())
      .toContain('Version 1');
    expect(await versions.locator('pre').innerText()).toContain('Reviewed: prompt support-v2');
    await expect
      .poll(() => page.locator('[data-item="write-postmortem"]').getAttribute('data-done'))
      .toBe('true');
  });

  it('says how to configure a provider when the polish pass has none, the draft staying whole', async () => {
    const { page } = ui;
    await page.goto(`/incidents/${incident.id}`);
    const polish = page.getByTestId('postmortem-polish');
    await polish.getByRole('button').click();
    await expect.poll(() => polish.getByRole('alert').innerText()).toContain('OPENAI_API_KEY');
    expect(
      await page.getByTestId('postmortem').locator('[data-question="whatChanged"]').count(),
    ).toBe(1);
  });
});
