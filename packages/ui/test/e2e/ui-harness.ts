import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Alert } from '@glassbox/core/detect';
import {
  createServer,
  type DetectionOptions,
  type GlassboxServer,
  type ReplayOptions,
} from '@glassbox/server';
import { createMemoryStorage, type Storage } from '@glassbox/store';
import { chromium, type Browser, type Page } from 'playwright-core';

export const UI_DIR = fileURLToPath(new URL('../../dist', import.meta.url));
export const ARTIFACTS = fileURLToPath(new URL('../../../../test-artifacts/ui', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The real server over memory storage, serving the built UI, plus a headless Chromium. */
export interface UiHarness {
  server: GlassboxServer;
  browser: Browser;
  page: Page;
  ingest(body: string): Promise<void>;
  /** Creates monitors through the API. */
  addMonitors(monitors: readonly { id: string }[]): Promise<void>;
  /** Polls the alerts until every one of these monitors has raised one (15 s at most). */
  waitForAlerts(monitorIds: readonly string[]): Promise<Alert[]>;
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * `detection` configures the server's detection job (tests shorten its interval); `replay` its
 * model providers; `storage` starts it over data already written (default: empty memory).
 */
export async function startUiHarness(
  options: { detection?: DetectionOptions; replay?: ReplayOptions; storage?: Storage } = {},
): Promise<UiHarness> {
  if (!existsSync(`${UI_DIR}/index.html`)) {
    throw new Error(
      `The UI is not built: ${UI_DIR}/index.html is missing. Run \`npm run build -w @glassbox/ui\` first.`,
    );
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install the Debian chromium package or set CHROMIUM_PATH.`,
    );
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = await createServer({
    storage: options.storage ?? createMemoryStorage(),
    host: '127.0.0.1',
    port: 0,
    uiDir: UI_DIR,
    ...(options.detection ? { detection: options.detection } : {}),
    ...(options.replay ? { replay: options.replay } : {}),
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    baseURL: server.url,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(8_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  return {
    server,
    browser,
    page,
    async ingest(body) {
      const response = await fetch(`${server.url}/v1/traces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const text = await response.text();
      const rejected = Number(
        (JSON.parse(text || '{}') as { partialSuccess?: { rejectedSpans?: string } }).partialSuccess
          ?.rejectedSpans ?? 0,
      );
      if (!response.ok || rejected > 0)
        throw new Error(`ingest failed: ${response.status} ${text}`);
    },
    async addMonitors(monitors) {
      for (const monitor of monitors) {
        const response = await fetch(`${server.url}/api/monitors`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(monitor),
        });
        if (response.status !== 201)
          throw new Error(`monitor ${monitor.id}: ${await response.text()}`);
      }
    },
    async waitForAlerts(monitorIds) {
      // Detection runs in the background; wait until it has judged every monitor's shift.
      const deadline = Date.now() + 15_000;
      for (;;) {
        const response = await fetch(`${server.url}/api/alerts?limit=100`);
        const alerts = ((await response.json()) as { items: Alert[] }).items;
        const alerted = monitorIds.filter((id) => alerts.some((a) => a.monitorId === id));
        if (alerted.length === monitorIds.length) return alerts;
        if (Date.now() > deadline)
          throw new Error(`detection raised alerts for ${alerted.join(', ') || 'no monitor'} only`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async screenshot(name) {
      await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: false });
    },
    async close() {
      await browser.close();
      await server.close();
      if (pageErrors.length > 0)
        throw new Error(`uncaught errors in the page: ${pageErrors.join('; ')}`);
    },
  };
}
