import { randomBytes } from 'node:crypto';
import { dropPostgresSchema, openStorage, type Storage } from '@glassbox/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DetectionJob } from './detection-job.js';
import { requestSpan } from '../../../test/support/request-span.js';

const URL = process.env.GLASSBOX_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `test_lead_${randomBytes(5).toString('hex')}`;
let a: Storage;
let b: Storage;

beforeAll(async () => {
  a = await openStorage({ databaseUrl: URL, schema });
  b = await openStorage({ databaseUrl: URL, schema });
});
afterAll(async () => {
  await a.close();
  await b.close();
  await dropPostgresSchema(URL, schema);
});

describe('detection leadership on PostgreSQL', () => {
  it('lets exactly one of two replicas evaluate, and the other take over when it stops', async () => {
    const one = new DetectionJob(a, { holderId: 'replica-1', settleMs: 0, leaseTtlMs: 60_000 });
    const two = new DetectionJob(b, { holderId: 'replica-2', settleMs: 0, leaseTtlMs: 60_000 });
    await a.traces.writeSpans(
      Array.from({ length: 50 }, (_, i) => requestSpan(i + 1, Date.UTC(2026, 0, 1) + i * 1000)),
    );
    const now = Date.now() + 10;
    const reports = await Promise.all([one.tick(now), two.tick(now), one.tick(now), two.tick(now)]);
    const leaders = new Set(reports.flatMap((r, i) => (r.leader ? [i % 2] : [])));
    expect(leaders.size).toBe(1);
    expect(reports.filter((r) => r.leader).reduce((n, r) => n + r.observations, 0)).toBe(50);
    expect(
      reports
        .filter((r) => !r.leader)
        .every((r) => r.observations === 0 && r.projects.length === 0),
    ).toBe(true);
    const [leader, follower] = reports[0]?.leader ? [one, two] : [two, one];
    await leader.stop();
    expect((await follower.tick(now + 1)).leader).toBe(true);
    await follower.stop();
  });

  it('hands the lease over once the leader stops renewing it', async () => {
    const one = new DetectionJob(a, { holderId: 'r1', leaseTtlMs: 1_000 });
    const two = new DetectionJob(b, { holderId: 'r2', leaseTtlMs: 1_000 });
    const t = Date.now() + 100_000;
    expect((await one.tick(t)).leader).toBe(true);
    expect((await two.tick(t + 500)).leader).toBe(false);
    expect((await two.tick(t + 1_500)).leader).toBe(true);
    expect((await one.tick(t + 1_600)).leader).toBe(false);
    await one.stop();
    await two.stop();
  });
});
