import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStorage } from '@glassbox/store';
import type { Page } from 'playwright-core';
import { startUiHarness, type UiHarness } from './ui-harness.js';

let ui: UiHarness;
let adminKey: string;

beforeAll(async () => {
  const storage = createMemoryStorage();
  const project = await storage.projects.ensureProject('shop');
  // A project's first key is admin: the server now requires keys.
  adminKey = (await storage.projects.createApiKey(project.id)).key;
  ui = await startUiHarness({ storage });
});

afterAll(async () => {
  await ui?.close();
});

/** The answer's status to a request with this key. */
async function statusWith(key: string, path: string): Promise<number> {
  const response = await fetch(`${ui.server.url}${path}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  await response.arrayBuffer();
  return response.status;
}

async function signIn(page: Page, key: string): Promise<void> {
  await page.goto('/keys');
  await page.getByTestId('api-key-form').waitFor();
  await page.fill('input[name="apiKey"]', key);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const row = (page: Page, prefix: string) =>
  page.locator(`[data-testid="keys-table"] tr[data-prefix="${prefix}"]`);

async function issuedKey(page: Page, previous?: string): Promise<string> {
  await expect.poll(() => page.getByTestId('new-key-text').innerText()).not.toBe(previous ?? '');
  return page.getByTestId('new-key-text').innerText();
}

describe('keys page', () => {
  it('lists, creates, rotates and revokes keys, and the server honours each at once', async () => {
    const { page } = ui;
    page.on('dialog', (dialog) => void dialog.accept());
    await signIn(page, adminKey);
    const rows = page.locator('[data-testid="keys-table"] tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    const first = await rows.first().innerText();
    expect(first).toContain('admin');
    expect(first).toContain('active');
    // The listing never shows a key, only its prefix.
    expect(await page.getByTestId('keys').innerText()).not.toContain(adminKey);

    // A read-only key: reads, but is refused admin routes with the scope named.
    await page.getByLabel('ingest').uncheck();
    await page.getByRole('button', { name: 'Create key' }).click();
    const readKey = await issuedKey(page);
    expect(readKey).toMatch(/^gbx_/);
    await expect.poll(() => rows.count()).toBe(2);
    expect(await statusWith(readKey, '/api/traces')).toBe(200);
    expect(await statusWith(readKey, '/api/keys')).toBe(403);
    const readPrefix = (await page.getByTestId('new-key').locator('p code').innerText()).trim();
    expect(await row(page, readPrefix).innerText()).toMatch(/read\s/);

    // Rotation with no grace: the new key works, the old one fails right away.
    await page.fill('input[name="graceHours"]', '0');
    await row(page, readPrefix).getByRole('button', { name: 'Rotate' }).click();
    const rotatedKey = await issuedKey(page, readKey);
    await page.getByTestId('keys-message').getByText(`Rotated ${readPrefix}`).waitFor();
    await expect.poll(() => rows.count()).toBe(3);
    await expect
      .poll(() => row(page, readPrefix).getByTestId('key-status').innerText())
      .toBe('expired');
    expect(await statusWith(readKey, '/api/traces')).toBe(401);
    expect(await statusWith(rotatedKey, '/api/traces')).toBe(200);

    // A bad grace period is refused in the page, before any request.
    const rotatedPrefix = (await page.getByTestId('new-key').locator('p code').innerText()).trim();
    await page.fill('input[name="graceHours"]', 'soon');
    await row(page, rotatedPrefix).getByRole('button', { name: 'Rotate' }).click();
    await page.getByTestId('keys-message').getByText('between 0 and 720 hours').waitFor();

    // Revocation, after the confirmation.
    await row(page, rotatedPrefix).getByRole('button', { name: 'Revoke' }).click();
    await page.getByTestId('keys-message').getByText(`Revoked ${rotatedPrefix}`).waitFor();
    await expect
      .poll(() => row(page, rotatedPrefix).getByTestId('key-status').innerText())
      .toBe('revoked');
    expect(await row(page, rotatedPrefix).getByRole('button').count()).toBe(0);
    expect(await statusWith(rotatedKey, '/api/traces')).toBe(401);
    await ui.screenshot('keys-page');

    // Every change is in the audit log.
    const audit = await fetch(`${ui.server.url}/api/audit`, {
      headers: { authorization: `Bearer ${adminKey}` },
    });
    const actions = ((await audit.json()) as { items: { action: string }[] }).items.map(
      (e) => e.action,
    );
    expect(actions).toEqual(['key.revoked', 'key.rotated', 'key.created']);
  });

  it('tells a key without the admin scope that it needs it', async () => {
    const created = await fetch(`${ui.server.url}/api/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ scopes: ['read'] }),
    });
    const { key } = (await created.json()) as { key: string };
    const context = await ui.browser.newContext({
      viewport: { width: 1440, height: 900 },
      baseURL: ui.server.url,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(8_000);
    try {
      await signIn(page, key);
      const error = page.getByTestId('error-state');
      await error.waitFor();
      expect(await error.innerText()).toContain('needs the "admin" scope');
    } finally {
      await context.close();
    }
  });
});
