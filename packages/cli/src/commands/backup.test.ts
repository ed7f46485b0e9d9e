import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage } from '@glassbox/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSpan } from '@glassbox/core/testing';
import { runCli } from '../run-cli.js';
import { captureContext } from '../../test/support/capture-context.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'glassbox-backup-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function run(args: string[]) {
  const io = captureContext();
  const code = await runCli(args, io.context);
  return { code, out: io.stdout(), err: io.stderr() };
}

const span = (traceId: string, userId: string) =>
  makeSpan({
    projectId: 'default',
    traceId,
    spanId: traceId.slice(0, 16),
    name: 'chat',
    startMs: 1_700_000_000_000,
    durationMs: 10,
    userId,
  });

describe('glassbox backup and restore', () => {
  it('backs up while the database is open and written, and restores into a stopped directory', async () => {
    const live = join(root, 'live');
    const storage = await openStorage({ dataDir: live });
    await storage.traces.writeSpans([span('a'.repeat(32), 'u1')]);
    const out = join(root, 'backup.db');
    const backedUp = await run(['backup', '--out', out, '--data-dir', live]);
    expect(backedUp.code).toBe(0);
    expect(backedUp.out).toContain(`to ${out}`);
    // Written after the snapshot: not in it.
    await storage.traces.writeSpans([span('b'.repeat(32), 'u2')]);

    const refused = await run(['restore', '--from', out, '--data-dir', live]);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain('still running');
    await storage.close();

    const restored = await run(['restore', '--from', out, '--data-dir', live]);
    expect(restored.code).toBe(0);
    expect(restored.out).toContain('previous database is kept');
    const reopened = await openStorage({ dataDir: live });
    try {
      const ids = (await reopened.traces.listTraces({ projectId: 'default', limit: 10 })).items.map(
        (t) => t.traceId,
      );
      expect(ids).toEqual(['a'.repeat(32)]);
    } finally {
      await reopened.close();
    }
  });

  it('refuses bad input with the problem named', async () => {
    const dir = join(root, 'd');
    expect((await run(['backup', '--data-dir', dir])).err).toContain('--out FILE');
    expect((await run(['backup', '--out', join(root, 'x.db'), '--data-dir', dir])).err).toContain(
      'no Glassbox database',
    );
    const pg = await run(['backup', '--out', 'x.db', '--database-url', 'postgres://h/db']);
    expect(pg.err).toContain('pg_dump');
    const storage = await openStorage({ dataDir: dir });
    await storage.close();
    writeFileSync(join(root, 'exists.db'), 'x');
    expect(
      (await run(['backup', '--out', join(root, 'exists.db'), '--data-dir', dir])).err,
    ).toContain('exists already');
    expect(
      (await run(['restore', '--from', join(root, 'exists.db'), '--data-dir', dir])).err,
    ).toMatch(/not a SQLite database|cannot open|not a Glassbox/);
    expect(
      (await run(['restore', '--from', join(root, 'none.db'), '--data-dir', dir])).err,
    ).toContain('no backup file');
    expect(existsSync(join(dir, 'glassbox.db'))).toBe(true);
  });
});

describe('glassbox delete', () => {
  it('deletes a user on request, reports the count and audits it', async () => {
    const dir = join(root, 'd');
    const storage = await openStorage({ dataDir: dir });
    await storage.traces.writeSpans([span('a'.repeat(32), 'u1'), span('c'.repeat(32), 'u2')]);
    await storage.close();
    const deleted = await run(['delete', '--user', 'u1', '--data-dir', dir]);
    expect(deleted.code).toBe(0);
    expect(deleted.out).toContain('Deleted 1 traces (1 spans) of userId u1');
    const reopened = await openStorage({ dataDir: dir });
    try {
      expect(
        (await reopened.traces.listTraces({ projectId: 'default', limit: 10 })).items,
      ).toHaveLength(1);
      expect((await reopened.audit.list({ projectId: 'default', limit: 5 }))[0]).toMatchObject({
        actor: 'cli',
        action: 'data.deleted',
        target: 'userId:u1',
      });
    } finally {
      await reopened.close();
    }
  });

  it('needs exactly one of --user, --session or --trace', async () => {
    expect((await run(['delete', '--data-dir', root])).err).toContain('exactly one');
    expect(
      (await run(['delete', '--user', 'a', '--trace', 'b', '--data-dir', root])).err,
    ).toContain('exactly one');
    expect((await run(['delete', '--user', ' ', '--data-dir', root])).err).toContain(
      'must not be empty',
    );
    expect(
      (await run(['delete', '--user', 'a', '--project', 'nope', '--data-dir', root])).err,
    ).toContain('no project "nope"');
  });
});
