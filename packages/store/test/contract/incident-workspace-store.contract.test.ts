import type { WorkspaceEntry } from '@glassbox/core/incidents';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../support/backends.js';

const entry = (seq: number, extra: Partial<WorkspaceEntry> = {}): WorkspaceEntry => ({
  projectId: 'default',
  incidentId: 'inc-1',
  seq,
  atMs: 1_000 + seq,
  author: 'ana',
  action: { type: 'note', text: `note ${seq} — "quoted" ✓` },
  ...extra,
});

describeEachBackend('IncidentWorkspaceStore', (opened) => {
  it('keeps each incident log in order, per project, with the whole action', async () => {
    const store = opened.storage.incidents;
    expect(await store.listEntries('default', 'inc-1')).toEqual([]);
    expect(await store.append(entry(2, { action: { type: 'owner', owner: null } }))).toBe(true);
    expect(await store.append(entry(1))).toBe(true);
    expect(await store.append(entry(1, { incidentId: 'inc-2' }))).toBe(true);
    expect(await store.append(entry(1, { projectId: 'other' }))).toBe(true);
    const log = await store.listEntries('default', 'inc-1');
    expect(log).toEqual([entry(1), entry(2, { action: { type: 'owner', owner: null } })]);
    expect(await store.listEntries('other', 'inc-2')).toEqual([]);
  });

  it('refuses a second entry with a taken number, keeping the first', async () => {
    const store = opened.storage.incidents;
    const status: WorkspaceEntry['action'] = { type: 'status', from: 'triggered', to: 'resolved' };
    expect(await store.append(entry(1, { action: status }))).toBe(true);
    expect(await store.append(entry(1, { author: 'bo' }))).toBe(false);
    const log = await store.listEntries('default', 'inc-1');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ author: 'ana', action: status });
  });

  it('lets exactly one of two concurrent appends of the same number win', async () => {
    const store = opened.storage.incidents;
    const results = await Promise.all([
      store.append(entry(1, { author: 'ana' })),
      store.append(entry(1, { author: 'bo' })),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.listEntries('default', 'inc-1')).toHaveLength(1);
  });
});
