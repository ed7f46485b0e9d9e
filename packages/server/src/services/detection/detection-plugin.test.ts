import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/test-app.js';
import { requestSpan } from '../../../test/support/request-span.js';

const T0 = Date.UTC(2026, 0, 1);

function monitorsFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'gbx-plugin-')), 'monitors.yaml');
  writeFileSync(file, text);
  return file;
}

describe('detection plugin', () => {
  it('runs the job in the background with monitors from the YAML file and serves its alerts', async () => {
    const file = monitorsFile(
      `monitors:\n  - id: errors\n    metric: error_rate\n    detector: bernoulli_cusum\n    params: { p0: 0.05, h: 3 }\n`,
    );
    const { app, storage } = await testApp({
      detection: { intervalMs: 30, settleMs: 0, monitorsFile: file },
    });
    await app.ready();
    const monitors = (await app.inject({ method: 'GET', url: '/api/monitors' })).json().items;
    expect(monitors).toMatchObject([{ id: 'errors', origin: 'file' }]);
    await storage.traces.writeSpans(
      Array.from({ length: 60 }, (_, i) => requestSpan(i + 1, T0 + i * 1000, { error: i >= 30 })),
    );
    let alerts: { monitorId: string }[] = [];
    for (let i = 0; i < 100 && alerts.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 30));
      alerts = (await app.inject({ method: 'GET', url: '/api/alerts' })).json().items;
    }
    expect(alerts).toMatchObject([{ monitorId: 'errors', status: 'open' }]);
    const incidents = (await app.inject({ method: 'GET', url: '/api/incidents' })).json().items;
    expect(incidents).toHaveLength(1);
  });

  it('refuses to start with an invalid monitors file, naming the line', async () => {
    const file = monitorsFile(
      `monitors:\n  - id: errors\n    metric: error_rate\n    detector: cusum\n`,
    );
    const { app } = await testApp({ detection: { monitorsFile: file } });
    await expect(app.ready()).rejects.toThrow(
      /monitors\.yaml:4: monitors\[0\]\.detector: must be one of/,
    );
  });
});
