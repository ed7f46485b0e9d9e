import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkMonitor } from '@glassbox/core/detect';
import { createMemoryStorage, openStorage, type Storage } from '@glassbox/store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DetectionJob } from './detection-job.js';
import { requestSpan } from '../../../test/support/request-span.js';

const T0 = Date.UTC(2026, 0, 1);
let hook: Server;
let received: { path: string; body: Record<string, unknown> }[];
let failuresLeft: number;

beforeEach(async () => {
  received = [];
  failuresLeft = 2;
  hook = createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => {
      if (req.url === '/flaky' && failuresLeft-- > 0) {
        res.statusCode = 503;
        res.end();
        return;
      }
      received.push({ path: req.url ?? '', body: JSON.parse(data) as Record<string, unknown> });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
});
afterEach(() => new Promise<void>((r) => hook.close(() => r())));

const hookUrl = (path: string): string =>
  `http://127.0.0.1:${(hook.address() as AddressInfo).port}${path}`;

const backends: [string, () => Promise<{ storage: Storage; dispose: () => Promise<void> }>][] = [
  ['memory', async () => ({ storage: createMemoryStorage(), dispose: async () => {} })],
  [
    'sqlite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'gbx-detect-'));
      const storage = await openStorage({ dataDir: dir });
      return { storage, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  ],
];

for (const [name, open] of backends) {
  describe(`DetectionJob (${name})`, () => {
    it('turns ingested traces into an alert with evidence, an incident, notifications, and judges late data by event time', async () => {
      const { storage, dispose } = await open();
      const monitor = checkMonitor({
        id: 'errors',
        metric: 'error_rate',
        detector: 'bernoulli_cusum',
        params: { p0: 0.05, h: 3, resolveAfter: 100 },
        severity: 'error',
        notify: [
          { type: 'slack', url: hookUrl('/slack') },
          { type: 'webhook', url: hookUrl('/flaky') },
        ],
      });
      await storage.detection.putMonitor({
        projectId: 'default',
        definition: monitor,
        origin: 'api',
        updatedAtMs: 0,
      });
      const job = new DetectionJob(storage, { settleMs: 0, sleep: async () => {} });
      // Healthy requests every second, except 300..339 which fail but arrive after the rest.
      const on = (i: number): boolean => i >= 300 && i < 340;
      await storage.traces.writeSpans(
        Array.from({ length: 600 }, (_, i) => i)
          .filter((i) => !on(i))
          .map((i) => requestSpan(i + 1, T0 + i * 1000, { error: i % 40 === 0 })),
      );
      // Ticks run a few ms ahead: the database clock may date a write in the current millisecond.
      const first = await job.tick(Date.now() + 10);
      expect(first).toMatchObject({ leader: true, observations: 560 });
      expect(first.projects[0]?.opened).toEqual([]);
      await storage.traces.writeSpans(
        Array.from({ length: 40 }, (_, k) => 300 + k).map((i) =>
          requestSpan(i + 1, T0 + i * 1000, { error: true }),
        ),
      );
      const second = await job.tick(Date.now() + 10);
      const opened = second.projects[0]?.opened ?? [];
      expect(opened).toHaveLength(1);
      const alert = opened[0]!;
      expect(alert.openedAtMs).toBeGreaterThanOrEqual(T0 + 300_000);
      expect(alert.openedAtMs).toBeLessThan(T0 + 340_000);
      expect(alert.evidence).toMatchObject({
        detector: 'bernoulli_cusum',
        threshold: 3,
        baseline: { rate: 0.05 },
      });
      expect(alert.evidence.exampleTraceIds.length).toBeGreaterThan(0);
      const stored = await storage.detection.getAlert('default', alert.id);
      expect(stored?.incidentId).toBeDefined();
      const incident = await storage.detection.getIncident('default', stored!.incidentId!);
      expect(incident?.timeline.map((t) => t.type)).toEqual([
        'first_anomaly',
        'alert',
        'alert_resolved',
        'resolved',
      ]);
      await job.notifier.flush();
      expect(received.map((r) => r.path).sort()).toEqual(['/flaky', '/flaky', '/slack', '/slack']);
      expect(received.find((r) => r.path === '/slack')?.body).toMatchObject({
        text: expect.stringMatching(/ERROR: errors/),
        blocks: expect.any(Array),
      });
      const flaky = received.filter((r) => r.path === '/flaky').map((r) => r.body);
      expect(flaky.sort((a, b) => String(a.type).localeCompare(String(b.type)))).toMatchObject([
        { type: 'alert.opened', alert: { id: alert.id }, incident: { id: stored?.incidentId } },
        { type: 'alert.resolved', alert: { id: alert.id, status: 'resolved' } },
      ]);
      expect(
        job.notifier.deliveries.find(
          (d) => d.target.url.endsWith('/flaky') && d.notice === 'opened',
        )?.result.attempts,
      ).toBe(3);
      // The alarm resolves once the metric is back in control; its incident follows.
      const later = await storage.detection.getAlert('default', alert.id);
      expect(later?.status).toBe('resolved');
      expect((await storage.detection.getIncident('default', incident!.id))?.status).toBe(
        'resolved',
      );
      await job.stop();
      await storage.close();
      await dispose();
    });

    it('reads a trace that never goes quiet once it waited the maximum deferral, and indexes it for search', async () => {
      const { storage, dispose } = await open();
      const job = new DetectionJob(storage, {
        settleMs: 60_000,
        intervalMs: 5_000,
        maxDeferralMs: 10_000,
      });
      const root = requestSpan(1, T0);
      const startedMs = Date.now();
      await storage.traces.writeSpans([root]);
      expect((await job.tick(startedMs + 3_000)).observations).toBe(0);
      // Written again: still not quiet, but queued since the first write.
      const child = { ...root, spanId: 'c'.repeat(16), parentSpanId: root.spanId };
      await storage.traces.writeSpans([child]);
      expect((await job.tick(Date.now() + 5_500)).observations).toBe(1);
      expect(await storage.traces.indexQueuedSearchText(100)).toBe(0);
      await job.stop();
      await storage.close();
      await dispose();
    });

    it('gives every project the default monitors when it has none', async () => {
      const { storage, dispose } = await open();
      const job = new DetectionJob(storage, { settleMs: 0 });
      await job.tick();
      const monitors = await storage.detection.listMonitors('default');
      expect(monitors.map((m) => m.definition.id)).toContain('error-rate');
      expect(monitors.every((m) => m.origin === 'default')).toBe(true);
      await job.stop();
      await storage.close();
      await dispose();
    });
  });
}
