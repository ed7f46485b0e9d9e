import type { PendingEvents, SpanRef } from '@glassbox/core/ingest';
import type { OtlpEvent, Span } from '@glassbox/core/model';
import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import { chunks } from './chunks.js';
import type { GlassboxDatabase, PendingSpanEventsTable } from './database-schema.js';
import { rowToSpan } from './span-row.js';
import type { SqlDialectTraits } from './sql-dialect-traits.js';
import { upsertRows, type UpsertOptions } from './upsert-rows.js';

type Trx = Transaction<GlassboxDatabase>;

/** Span keys per statement: three bound parameters each. */
const KEY_CHUNK = 300;

function rowToPending(row: PendingSpanEventsTable): PendingEvents {
  return {
    projectId: row.project_id,
    traceId: row.trace_id,
    spanId: row.span_id,
    events: JSON.parse(row.events) as OtlpEvent[],
    receivedAtMs: row.received_at_ms,
  };
}

/** A where-clause matching exactly these (project, trace, span) keys. */
function keyMatch(refs: readonly SpanRef[]) {
  return (eb: ExpressionBuilder<GlassboxDatabase, 'spans' | 'pending_span_events'>) =>
    eb.or(
      refs.map((r) =>
        eb.and([
          eb('project_id', '=', r.projectId),
          eb('trace_id', '=', r.traceId),
          eb('span_id', '=', r.spanId),
        ]),
      ),
    );
}

/** The stored spans among `refs`. */
export async function readSpansByKey(trx: Trx, refs: readonly SpanRef[]): Promise<Span[]> {
  const found: Span[] = [];
  for (const chunk of chunks(refs, KEY_CHUNK)) {
    const rows = await trx.selectFrom('spans').selectAll().where(keyMatch(chunk)).execute();
    for (const row of rows) found.push(rowToSpan(row));
  }
  return found;
}

/** Trace ids per `in (...)` list when reading pending events. */
const TRACE_CHUNK = 500;

/**
 * The pending events kept for `refs`: one statement per project and 500 traces, by trace
 * (the key's prefix), filtered to the asked spans here. A batch of new spans asks for every
 * one of its spans and usually finds nothing; a per-span condition would cost more to build
 * than the read.
 */
export async function readPendingEvents(
  trx: Trx,
  refs: readonly SpanRef[],
): Promise<PendingEvents[]> {
  const wanted = new Map<string, Set<string>>();
  for (const r of refs) {
    const spans = wanted.get(r.projectId) ?? new Set<string>();
    spans.add(`${r.traceId}\u0000${r.spanId}`);
    wanted.set(r.projectId, spans);
  }
  const found: PendingEvents[] = [];
  for (const [projectId, spans] of wanted) {
    const traceIds = [...new Set([...spans].map((key) => key.slice(0, key.indexOf('\u0000'))))];
    for (const chunk of chunks(traceIds, TRACE_CHUNK)) {
      const rows = await trx
        .selectFrom('pending_span_events')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('trace_id', 'in', chunk)
        .execute();
      for (const row of rows) {
        if (spans.has(`${row.trace_id}\u0000${row.span_id}`)) found.push(rowToPending(row));
      }
    }
  }
  return found;
}

export async function deletePendingEvents(trx: Trx, refs: readonly SpanRef[]): Promise<void> {
  for (const chunk of chunks(refs, KEY_CHUNK)) {
    await trx.deleteFrom('pending_span_events').where(keyMatch(chunk)).execute();
  }
}

/** Creates or replaces pending entries. */
export async function writePendingEvents(
  trx: Trx,
  entries: readonly PendingEvents[],
  limits: Omit<UpsertOptions, 'key'>,
): Promise<void> {
  const rows = entries.map((e): PendingSpanEventsTable => ({
    project_id: e.projectId,
    trace_id: e.traceId,
    span_id: e.spanId,
    events: JSON.stringify(e.events),
    received_at_ms: e.receivedAtMs,
  }));
  await upsertRows(trx, 'pending_span_events', rows, undefined, {
    ...limits,
    key: ['project_id', 'trace_id', 'span_id'],
  });
}

/**
 * Deletes up to `limit` pending entries received before `cutoffMs`, oldest first, in one
 * statement of its own. On PostgreSQL it skips rows another transaction holds, so it never
 * waits and can never take part in a deadlock; returns how many it deleted.
 */
export async function sweepPendingEvents(
  db: Kysely<GlassboxDatabase>,
  traits: SqlDialectTraits,
  cutoffMs: number,
  limit: number,
): Promise<number> {
  const lock = traits.name === 'postgres' ? sql`for update skip locked` : sql``;
  const result = await sql`delete from pending_span_events
      where (project_id, trace_id, span_id) in (
        select project_id, trace_id, span_id from pending_span_events
        where received_at_ms < ${cutoffMs} order by received_at_ms limit ${limit} ${lock})`.execute(
    db,
  );
  return Number(result.numAffectedRows ?? 0n);
}
