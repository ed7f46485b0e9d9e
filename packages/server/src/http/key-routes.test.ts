import { describe, expect, it } from 'vitest';
import { PROTOBUF, testApp } from '../../test/support/test-app.js';
import { protobufTraceBody, recordSpans } from '../../test/support/otlp-bodies.js';

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function appWithAdminKey() {
  const { app, storage } = await testApp();
  const shop = await storage.projects.ensureProject('shop');
  const { key: admin } = await storage.projects.createApiKey(shop.id);
  return { app, storage, shop, admin };
}

describe('API key scopes', () => {
  it('lets ingest keys only ingest, read keys only read, and names the missing scope', async () => {
    const { app, storage, shop } = await appWithAdminKey();
    const { key: ingest } = await storage.projects.createApiKey(shop.id, { scopes: ['ingest'] });
    const { key: read } = await storage.projects.createApiKey(shop.id, { scopes: ['read'] });
    const otlp = (key: string) =>
      app.inject({
        method: 'POST',
        url: '/v1/traces',
        headers: { ...PROTOBUF, ...bearer(key) },
        payload: protobufTraceBody(recordSpans([{ name: 'chat' }])),
      });

    expect((await otlp(ingest)).statusCode).toBe(200);
    const readIngesting = await otlp(read);
    expect(readIngesting.statusCode).toBe(403);

    const listed = await app.inject({ url: '/api/traces', headers: bearer(ingest) });
    expect(listed.statusCode).toBe(403);
    expect(listed.json().error).toEqual({
      code: 'forbidden',
      message: expect.stringContaining('"read" scope'),
    });
    expect((await app.inject({ url: '/api/traces', headers: bearer(read) })).statusCode).toBe(200);

    const change = await app.inject({
      method: 'PUT',
      url: '/api/settings/thresholds',
      headers: bearer(read),
      payload: { stepLimit: 4 },
    });
    expect(change.statusCode).toBe(403);
    expect(change.json().error.message).toContain('"admin" scope');
    expect((await app.inject({ url: '/api/keys', headers: bearer(read) })).statusCode).toBe(403);
  });

  it('needs no key and no sign-in while the server has no keys', async () => {
    const { app } = await testApp();
    expect((await app.inject('/api/keys')).statusCode).toBe(200);
    expect((await app.inject('/api/audit')).statusCode).toBe(200);
  });
});

describe('key lifecycle API', () => {
  it('creates, lists, rotates and revokes keys; never lists a key; audits every change', async () => {
    const { app, admin } = await appWithAdminKey();
    const created = await app.inject({
      method: 'POST',
      url: '/api/keys',
      headers: bearer(admin),
      payload: {},
    });
    expect(created.statusCode).toBe(201);
    const { key, record } = created.json();
    expect(record.scopes).toEqual(['ingest', 'read']);

    const listed = await app.inject({ url: '/api/keys', headers: bearer(admin) });
    expect(listed.json().items).toHaveLength(2);
    expect(listed.body).not.toContain(key);
    expect(listed.body).not.toContain(admin);
    expect(listed.json().items[1]).toMatchObject({
      prefix: record.prefix,
      scopes: ['ingest', 'read'],
      createdAtMs: expect.any(Number),
      lastUsedAtMs: null,
      expiresAtMs: null,
    });

    const rotated = await app.inject({
      method: 'POST',
      url: `/api/keys/${record.prefix}/rotate`,
      headers: bearer(admin),
      payload: { graceSeconds: 3600 },
    });
    expect(rotated.statusCode).toBe(201);
    expect(rotated.json().old.expiresAtMs).toBeGreaterThan(Date.now());
    // Both work during the grace period.
    for (const k of [key, rotated.json().key]) {
      expect((await app.inject({ url: '/api/traces', headers: bearer(k) })).statusCode).toBe(200);
    }

    const revoked = await app.inject({
      method: 'POST',
      url: `/api/keys/${record.id}/revoke`,
      headers: bearer(admin),
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAtMs).toEqual(expect.any(Number));
    const refused = await app.inject({ url: '/api/traces', headers: bearer(key) });
    expect(refused.statusCode).toBe(401);

    const audit = await app.inject({ url: '/api/audit', headers: bearer(admin) });
    const actions = audit.json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['key.revoked', 'key.rotated', 'key.created']);
    expect(audit.json().items[0]).toMatchObject({
      actor: admin.slice(0, 12),
      target: record.prefix,
      before: expect.objectContaining({ revokedAtMs: null }),
      after: expect.objectContaining({ revokedAtMs: expect.any(Number) }),
    });
    expect(audit.body).not.toContain(key);
  });

  it('refuses bad input with the problem named', async () => {
    const { app, admin } = await appWithAdminKey();
    const post = (url: string, payload?: unknown) =>
      app.inject({ method: 'POST', url, headers: bearer(admin), payload: payload as never });
    const badScope = await post('/api/keys', { scopes: ['write'] });
    expect(badScope.statusCode).toBe(400);
    expect(badScope.json().error.message).toContain('scopes');
    expect((await post('/api/keys', { scopes: [] })).statusCode).toBe(400);
    expect((await post('/api/keys', { expiresInDays: 0 })).statusCode).toBe(400);
    expect((await post('/api/keys/gbx_nothing_like_it/revoke')).statusCode).toBe(404);
    const shortRef = await post('/api/keys/gbx/revoke');
    expect(shortRef.statusCode).toBe(400);
    expect(
      (await post('/api/keys/gbx_nothing_like_it/rotate', { graceSeconds: -1 })).statusCode,
    ).toBe(400);
    expect((await post('/api/keys/gbx_nothing_like_it/rotate', {})).statusCode).toBe(400);
    const badAudit = await app.inject({ url: '/api/audit?limit=0', headers: bearer(admin) });
    expect(badAudit.statusCode).toBe(400);
  });

  it('records when a key was last used', async () => {
    const { app, storage, admin } = await appWithAdminKey();
    await app.inject({ url: '/api/traces', headers: bearer(admin) });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const [record] = await storage.projects.listApiKeys();
    expect(record?.lastUsedAtMs).toEqual(expect.any(Number));
  });

  it('audits threshold and monitor changes with before and after', async () => {
    const { app, admin } = await appWithAdminKey();
    const send = (method: 'PUT' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
      app.inject({ method, url, headers: bearer(admin), payload: payload as never });
    await send('PUT', '/api/settings/thresholds', { stepLimit: 7 });
    const monitor = { metric: 'error_rate', detector: 'bernoulli_cusum', params: { p0: 0.02 } };
    const put = await send('PUT', '/api/monitors/errors', monitor);
    expect(put.statusCode).toBe(200);
    await send('DELETE', '/api/monitors/errors');
    await send('PUT', '/api/settings/retention', { traceDays: 30, contentDays: 7 });
    const audit = (await app.inject({ url: '/api/audit', headers: bearer(admin) })).json().items;
    expect(audit.map((e: { action: string }) => e.action)).toEqual([
      'settings.retention',
      'monitor.deleted',
      'monitor.updated',
      'settings.thresholds',
    ]);
    expect(audit[3]).toMatchObject({ before: {}, after: { stepLimit: 7 } });
    expect(audit[0]).toMatchObject({
      before: { traceDays: null, contentDays: null },
      after: { traceDays: 30, contentDays: 7 },
    });
  });
});
