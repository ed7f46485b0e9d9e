import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { StoreError } from '../../src/store-error.js';
import { describeEachBackend } from '../support/backends.js';

describeEachBackend('ProjectStore', (opened) => {
  it('has a default project after opening and ensures projects by name', async () => {
    const { projects } = opened.storage;
    const def = await projects.ensureProject('default');
    expect(def).toMatchObject({ id: 'default', name: 'default' });
    const a = await projects.ensureProject('checkout');
    const again = await projects.ensureProject('checkout');
    expect(again).toEqual(a);
    expect(a.id).not.toBe('default');
    expect((await projects.listProjects()).map((p) => p.name).sort()).toEqual([
      'checkout',
      'default',
    ]);
  });

  it('rejects an empty project name', async () => {
    await expect(opened.storage.projects.ensureProject('  ')).rejects.toMatchObject({
      code: 'invalid_argument',
    });
  });

  it('creates API keys, resolves them, and stores only their hash', async () => {
    const { projects } = opened.storage;
    expect(await projects.hasApiKeys()).toBe(false);
    const project = await projects.ensureProject('checkout');
    const { key, record } = await projects.createApiKey(project.id);
    expect(key).toMatch(/^gbx_[A-Za-z0-9_-]{43}$/);
    expect(record.projectId).toBe(project.id);
    expect(key.startsWith(record.prefix)).toBe(true);
    expect(record.prefix.length).toBeLessThan(16);
    expect(await projects.hasApiKeys()).toBe(true);
    expect(await projects.resolveApiKey(key)).toEqual(project);
    expect(await projects.resolveApiKey(`${key}x`)).toBeUndefined();
    expect(await projects.resolveApiKey('gbx_unknown')).toBeUndefined();

    const rows = await opened.apiKeyRows();
    expect(rows).toHaveLength(1);
    const values = Object.values(rows[0] ?? {}).map(String);
    expect(values.some((v) => v.includes(key))).toBe(false);
    expect(values).toContain(createHash('sha256').update(key).digest('hex'));
  });

  it('gives each key its own project and tells keys apart', async () => {
    const { projects } = opened.storage;
    const a = await projects.ensureProject('a');
    const b = await projects.ensureProject('b');
    const keyA = await projects.createApiKey(a.id);
    const keyB = await projects.createApiKey(b.id);
    expect(keyA.key).not.toBe(keyB.key);
    expect((await projects.resolveApiKey(keyA.key))?.id).toBe(a.id);
    expect((await projects.resolveApiKey(keyB.key))?.id).toBe(b.id);
  });

  it('refuses a key for an unknown project', async () => {
    const error = await opened.storage.projects.createApiKey('nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'project_not_found' });
  });

  it('keeps classifier threshold overrides per project', async () => {
    const { projects } = opened.storage;
    const other = await projects.ensureProject('other');
    expect(await projects.getThresholds('default')).toEqual({});
    await projects.setThresholds('default', { stepLimit: 10, contextWindows: { 'my-': 4096 } });
    expect(await projects.getThresholds('default')).toEqual({
      stepLimit: 10,
      contextWindows: { 'my-': 4096 },
    });
    expect(await projects.getThresholds(other.id)).toEqual({});
    await projects.setThresholds('default', { loopRepeatCount: 5 });
    expect(await projects.getThresholds('default')).toEqual({ loopRepeatCount: 5 });
    await projects.setThresholds('default', {});
    expect(await projects.getThresholds('default')).toEqual({});
  });

  it('refuses bad thresholds naming the key, and unknown projects', async () => {
    const { projects } = opened.storage;
    await expect(projects.setThresholds('default', { stepLimt: 3 } as never)).rejects.toMatchObject(
      {
        code: 'invalid_argument',
        message: expect.stringContaining('"stepLimt"'),
      },
    );
    await expect(
      projects.setThresholds('default', { lowRelevanceTopScore: 2 }),
    ).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('lowRelevanceTopScore'),
    });
    await expect(projects.setThresholds('nope', { stepLimit: 3 })).rejects.toMatchObject({
      code: 'project_not_found',
    });
    expect(await projects.getThresholds('default')).toEqual({});
  });
});
