import { expect, it } from 'vitest';
import { describeEachBackend } from '../support/backends.js';

describeEachBackend('ProjectStore key lifecycle', (opened) => {
  it('gives a project first key every scope and later keys ingest+read', async () => {
    const { projects } = opened.storage;
    const shop = await projects.ensureProject('shop');
    const first = await projects.createApiKey(shop.id);
    const second = await projects.createApiKey(shop.id);
    const readOnly = await projects.createApiKey(shop.id, { scopes: ['read'] });
    expect(first.record.scopes).toEqual(['ingest', 'read', 'admin']);
    expect(second.record.scopes).toEqual(['ingest', 'read']);
    expect(readOnly.record.scopes).toEqual(['read']);
    const listed = await projects.listApiKeys(shop.id);
    expect(listed.map((k) => k.prefix).sort()).toEqual(
      [first, second, readOnly].map((k) => k.record.prefix).sort(),
    );
    expect(listed.find((k) => k.id === first.record.id)).toMatchObject({
      lastUsedAtMs: null,
      expiresAtMs: null,
      revokedAtMs: null,
    });
    expect(JSON.stringify(listed)).not.toContain(first.key);
    expect(await projects.listApiKeys((await projects.ensureProject('other')).id)).toEqual([]);
  });

  it('refuses unknown and empty scopes', async () => {
    const { projects } = opened.storage;
    await expect(
      projects.createApiKey('default', { scopes: ['write' as never] }),
    ).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('"write"'),
    });
    await expect(projects.createApiKey('default', { scopes: [] })).rejects.toMatchObject({
      code: 'invalid_argument',
    });
  });

  it('revokes a key so it no longer authenticates', async () => {
    const { projects } = opened.storage;
    const { key, record } = await projects.createApiKey('default');
    expect((await projects.authenticateApiKey(key, Date.now()))?.record.id).toBe(record.id);
    const revoked = await projects.revokeApiKey('default', record.id, Date.now());
    expect(revoked?.revokedAtMs).toEqual(expect.any(Number));
    expect(await projects.authenticateApiKey(key, Date.now())).toBeUndefined();
    expect(await projects.resolveApiKey(key)).toBeUndefined();
    expect(await projects.revokeApiKey('other-project', record.id, Date.now())).toBeUndefined();
  });

  it('rotates a key: the new one works, the old one until the grace ends', async () => {
    const { projects } = opened.storage;
    const old = await projects.createApiKey('default', { scopes: ['ingest'] });
    const now = Date.now();
    const rotated = await projects.rotateApiKey('default', old.record.id, 60_000, now);
    expect(rotated?.record.scopes).toEqual(['ingest']);
    expect(rotated?.old.expiresAtMs).toBe(now + 60_000);
    expect(await projects.authenticateApiKey(rotated!.key, now)).toBeDefined();
    expect(await projects.authenticateApiKey(old.key, now + 59_000)).toBeDefined();
    expect(await projects.authenticateApiKey(old.key, now + 60_001)).toBeUndefined();
    await expect(projects.rotateApiKey('default', old.record.id, -1, now)).rejects.toMatchObject({
      code: 'invalid_argument',
    });
    await projects.revokeApiKey('default', old.record.id, now);
    await expect(projects.rotateApiKey('default', old.record.id, 0, now)).rejects.toMatchObject({
      code: 'invalid_argument',
    });
  });

  it('finds keys by id or prefix, records last use, refuses too-short references', async () => {
    const { projects } = opened.storage;
    const { record } = await projects.createApiKey('default');
    expect((await projects.findApiKey('default', record.prefix))?.id).toBe(record.id);
    expect((await projects.findApiKey(undefined, record.id))?.id).toBe(record.id);
    expect(await projects.findApiKey('default', 'gbx_nothing_here')).toBeUndefined();
    await expect(projects.findApiKey('default', 'gbx')).rejects.toMatchObject({
      code: 'invalid_argument',
    });
    await projects.touchApiKey(record.id, 1_234);
    expect((await projects.findApiKey('default', record.id))?.lastUsedAtMs).toBe(1_234);
  });

  it('keeps an expiry chosen at creation', async () => {
    const { projects } = opened.storage;
    const now = Date.now();
    const { key } = await projects.createApiKey('default', { expiresAtMs: now + 1_000 });
    expect(await projects.authenticateApiKey(key, now)).toBeDefined();
    expect(await projects.authenticateApiKey(key, now + 1_000)).toBeUndefined();
  });
});

describeEachBackend('AuditLog', (opened) => {
  it('appends entries and lists them newest first, per project, with before/after', async () => {
    const { audit } = opened.storage;
    for (const [atMs, action] of [
      [1, 'key.created'],
      [2, 'settings.thresholds'],
      [3, 'data.deleted'],
    ] as const) {
      await audit.append({
        projectId: 'default',
        atMs,
        actor: 'gbx_abcdefgh',
        action,
        target: 't',
        before: atMs === 2 ? { stepLimit: 3 } : null,
        after: atMs === 2 ? { stepLimit: 5 } : null,
      });
    }
    await audit.append({
      projectId: 'other',
      atMs: 9,
      actor: 'cli',
      action: 'x',
      target: 't',
      before: null,
      after: null,
    });
    const entries = await audit.list({ projectId: 'default', limit: 10 });
    expect(entries.map((e) => e.action)).toEqual([
      'data.deleted',
      'settings.thresholds',
      'key.created',
    ]);
    expect(entries[1]).toMatchObject({ before: { stepLimit: 3 }, after: { stepLimit: 5 } });
    expect((await audit.list({ projectId: 'default', limit: 1, beforeMs: 3 }))[0]?.action).toBe(
      'settings.thresholds',
    );
  });
});
