import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSpan } from '../../test/support/span-factory.js';
import { openStorage } from '../open-storage.js';
import { SQLITE_FILE_NAME } from '../sqlite/sqlite-storage.js';
import type { Storage } from '../storage.js';
import type { SpanEventAttacher } from '@glassbox/core/ingest';

const T0 = 1_700_000_000_000;
const attachEvents: SpanEventAttacher = (span, events) => ({ ...span, events: [...events] });

let dir: string;
let storage: Storage;
afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

function pendingRows(): { span_id: string; received_at_ms: number }[] {
  const db = new Database(join(dir, SQLITE_FILE_NAME), { readonly: true });
  try {
    return db.prepare('select span_id, received_at_ms from pending_span_events').all() as never;
  } finally {
    db.close();
  }
}

describe('pending span events in SQL', () => {
  it('keeps one row per span and sweeps expired rows during a later write', async () => {
    dir = mkdtempSync(join(tmpdir(), 'glassbox-pending-sql-'));
    storage = await openStorage({ dataDir: dir });
    const old = makeSpan();
    const fresh = makeSpan();
    const event = { name: 'gen_ai.choice', timeUnixNano: '1', attributes: {} };
    const ref = (s: typeof old) => ({ ...s, events: [event] });
    await storage.traces.writeSpans([], { events: [ref(old)], attachEvents, nowMs: T0 });
    await storage.traces.writeSpans([], { events: [ref(old)], attachEvents, nowMs: T0 + 1 });
    expect(pendingRows()).toEqual([{ span_id: old.spanId, received_at_ms: T0 }]);
    const later = T0 + 2 * 3_600_000;
    await storage.traces.writeSpans([], { events: [ref(fresh)], attachEvents, nowMs: later });
    expect(pendingRows()).toEqual([{ span_id: fresh.spanId, received_at_ms: later }]);
  });
});
