import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRequest, hexId } from './otlp-fixtures.js';
import { startUiHarness, type UiHarness } from './ui-harness.js';

// A 40 MB prompt once took the Attributes tab 17 s to render. The server now stores it cut to
// 1 MiB with its original size, and the tab renders long values only on request.
const FORTY_MB = 40 * 1024 * 1024;
const traceId = hexId('b7', 1, 32);
const spanId = hexId('b7', 0x100, 16);

let ui: UiHarness;

beforeAll(async () => {
  ui = await startUiHarness();
  const prompt = 'Summarize this contract. '.repeat(FORTY_MB / 25 + 1).slice(0, FORTY_MB);
  await ui.ingest(
    exportRequest([
      {
        traceId,
        spanId,
        name: 'ChatCompletion',
        startMs: Date.now() - 60_000,
        durationMs: 900,
        attributes: {
          'openinference.span.kind': 'LLM',
          'llm.model_name': 'gpt-4o',
          'input.value': prompt,
          'output.value': 'The contract renews yearly.',
        },
      },
    ]),
  );
}, 120_000);

afterAll(async () => {
  await ui?.close();
});

describe('a span with a 40 MB attribute', () => {
  it('says the value was truncated and how large it was, and renders it only on request', async () => {
    const { page } = ui;
    await page.goto(`/traces/${traceId}?span=${spanId}`);
    await page.getByRole('tab', { name: 'Attributes' }).click();
    const notice = page.getByTestId('truncated-attributes');
    await expect
      .poll(() => notice.innerText())
      .toContain('attributes.input.value truncated: 40 MB original');
    const tab = page.getByTestId('attributes-tab');
    expect(await tab.innerText()).toContain('open it under Large values below');
    const fullValue = tab.locator('details pre');
    expect(await fullValue.count()).toBe(0);
    await tab.locator('details summary').first().click();
    await expect.poll(() => fullValue.count()).toBe(1);
    const shown = await fullValue.first().innerText();
    expect(shown.startsWith('Summarize this contract.')).toBe(true);
    expect(shown).toContain(`[truncated by Glassbox: ${FORTY_MB} bytes originally]`);
    await ui.screenshot('large-attribute');
  });
});
