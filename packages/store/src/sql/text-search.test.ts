import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Span } from '@glassbox/core/model';
import { BACKENDS, type OpenBackend } from '../../test/support/backends.js';
import { makeSpan, testId } from '../../test/support/span-factory.js';
import { MIGRATIONS, migrateToLatest } from './migrations.js';
import type { GlassboxDatabase } from './database-schema.js';
import { indexQueuedSearchText } from './search-index-queue.js';
import { SELECTIVE_HITS } from './text-search.js';

const T0 = 1_700_000_000_000;
const COMMON = SELECTIVE_HITS + 50;

/** Traces whose search text holds `text`, newest first as the trace list orders them. */
function traces(count: number, text: (i: number) => string, offset: number): Span[] {
  return Array.from({ length: count }, (_, i) =>
    makeSpan({ traceId: testId(32), startMs: T0 + offset + i, input: text(i) }),
  );
}

// SQLite fills its index in the background: search must answer the same before and after.
const CASES = BACKENDS.filter((b) => b.name !== 'memory').flatMap((backend) =>
  (backend.name === 'sqlite' ? [false, true] : [true]).map((indexed) => ({ backend, indexed })),
);

for (const { backend, indexed } of CASES) {
  const state = indexed ? 'indexed' : 'still queued for the index';
  describe(`free-text trace filter through the trigram index (${backend.name}, ${state})`, () => {
    let opened: OpenBackend;
    const written: Span[] = [];
    beforeAll(async () => {
      opened = await backend.open();
      written.push(
        ...traces(COMMON, (i) => `Common question number ${i}`, 0),
        ...traces(3, (i) => `Rare zanzibarquokka sighting ${i}`, COMMON),
        ...traces(1, () => 'He said "hi there" twice', COMMON + 10),
      );
      await opened.storage.traces.writeSpans(written);
      if (indexed) while ((await opened.storage.traces.indexQueuedSearchText(500)) > 0);
    });
    afterAll(async () => {
      await opened.dispose();
    });

    const search = async (text: string, limit = 50) =>
      (await opened.storage.traces.listTraces({ projectId: 'default', limit, text })).items.map(
        (t) => t.traceId,
      );
    const expected = (needle: string, limit = 50) =>
      written
        .filter((s) => (s.input ?? '').toLowerCase().includes(needle.toLowerCase()))
        .sort((a, b) => b.startMs - a.startMs || (a.traceId < b.traceId ? 1 : -1))
        .slice(0, limit)
        .map((s) => s.traceId);

    it('finds a rare needle exactly, case-insensitively as the scan did', async () => {
      expect(await search('ZANZIBARquokka')).toEqual(expected('zanzibarquokka'));
      expect(await search('quokka sighting 2')).toEqual(expected('quokka sighting 2'));
      expect(await search('nowhere-to-be-found')).toEqual([]);
    });

    it('answers a common needle (past the selective limit) with the newest matches', async () => {
      expect(await search('common question', 100)).toEqual(expected('common question', 100));
    });

    it('scopes to the question and answer through their own index, rare and common', async () => {
      const scoped = async (text: string, textScope: 'io' | 'input' | 'output', limit = 50) =>
        (
          await opened.storage.traces.listTraces({ projectId: 'default', limit, text, textScope })
        ).items.map((t) => t.traceId);
      expect(await scoped('ZANZIBARquokka', 'io')).toEqual(expected('zanzibarquokka'));
      expect(await scoped('zanzibarquokka', 'output')).toEqual([]);
      expect(await scoped('common question', 'io', 100)).toEqual(expected('common question', 100));
      const target = written[COMMON + 1]!;
      await opened.storage.traces.writeSpans([{ ...target, output: 'A wallaby answered' }]);
      expect(await scoped('wallaby', 'io')).toEqual([target.traceId]);
      expect(await scoped('wallaby', 'output')).toEqual([target.traceId]);
      expect(await scoped('wallaby', 'input')).toEqual([]);
    });

    it('keeps substring semantics for quotes, short needles and text added by a later write', async () => {
      expect(await search('said "hi')).toEqual(expected('said "hi'));
      expect(await search('2')).toEqual(expected('2'));
      const first = written[COMMON]!;
      await opened.storage.traces.writeSpans([
        makeSpan({
          traceId: first.traceId,
          parentSpanId: first.spanId,
          startMs: first.startMs + 1,
          output: 'late platypus answer',
        }),
      ]);
      expect(await search('platypus')).toEqual([first.traceId]);
    });
  });
}

describe('search index migration on SQLite', () => {
  it('indexes the search text a database already held', async () => {
    const db = new Kysely<unknown>({
      dialect: new SqliteDialect({ database: new Database(':memory:') }),
    });
    const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
    const before = Object.keys(MIGRATIONS).filter((name) => name < '0004_search_index');
    expect((await migrator.migrateTo(before[before.length - 1]!)).error).toBeUndefined();
    await sql`insert into trace_search (project_id, trace_id, search_text)
      values ('default', 'aa', 'an older wombat trace'), ('default', 'bb', 'something else')`.execute(
      db,
    );
    await migrateToLatest(db);
    const { rows } = await sql<{ trace_id: string }>`select s.trace_id from trace_search s
      where s.rowid in (select rowid from trace_search_fts where trace_search_fts match '"wom" AND "bat"')`.execute(
      db,
    );
    expect(rows).toEqual([{ trace_id: 'aa' }]);
    await db.destroy();
  });

  it('forgets deleted and rewritten rows by rowid (contentless-delete index)', async () => {
    const db = new Kysely<unknown>({
      dialect: new SqliteDialect({ database: new Database(':memory:') }),
    });
    await migrateToLatest(db);
    await sql`insert into trace_search (project_id, trace_id, search_text, input_text)
      values ('default', 'aa', 'a wombat', 'wombat'), ('default', 'bb', 'a wombat too', 'wombat'),
        ('default', 'cc', 'a wombat as well', '')`.execute(db);
    await sql`delete from trace_search where trace_id = 'aa'`.execute(db);
    await sql`update trace_search set search_text = 'a quokka', input_text = ''
      where trace_id = 'bb'`.execute(db);
    // Queued, not yet indexed: the index still holds what it held; the indexer catches up.
    const indexed = db as Kysely<GlassboxDatabase>;
    expect(await indexQueuedSearchText(indexed, 10)).toBe(2);
    expect(await indexQueuedSearchText(indexed, 10)).toBe(0);
    const hits = async (fts: string) =>
      (
        await sql<{ rowid: number }>`select rowid from ${sql.table(fts)}
          where ${sql.table(fts)} match '"wom" AND "bat"' order by rowid`.execute(db)
      ).rows.map((r) => r.rowid);
    expect(await hits('trace_search_fts')).toEqual([3]);
    expect(await hits('trace_io_fts')).toEqual([]);
    await db.destroy();
  });
});
