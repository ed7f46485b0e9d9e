import type { Span } from '../model/span.js';
import type { AssembledTrace } from './assemble-traces.js';
import type { SessionContextPolicy } from './failure-classifier.js';
import { traceKey } from './span-events.js';
import { orderSpanTree } from './span-tree-order.js';

/**
 * What to read of one session for its touched traces' classification: spans of `kinds` from
 * the newest `limit` traces of the session that hold such spans, other than the touched
 * ones, newest first, at most `limit` of them.
 */
export interface SessionSpansQuery extends SessionContextPolicy {
  projectId: string;
  sessionId: string;
  excludeTraceIds: string[];
}

/** One session read and the touched traces it serves. */
export interface SessionRead {
  query: SessionSpansQuery;
  members: AssembledTrace<Span>[];
}

/**
 * The session reads a write's classification needs: one per session among the touched
 * traces that hold spans of the policy's kinds (by their summary's session), none when the
 * policy asks for nothing.
 *
 * @example
 * const reads = planSessionReads(traces, { kinds: ['tool'], limit: 200 });
 */
export function planSessionReads(
  traces: readonly AssembledTrace<Span>[],
  policy: SessionContextPolicy | undefined,
): SessionRead[] {
  if (!policy || policy.limit < 1 || policy.kinds.length === 0) return [];
  const bySession = new Map<string, SessionRead>();
  for (const trace of traces) {
    const { sessionId } = trace.summary;
    if (sessionId === undefined) continue;
    // Context is compared like with like: a trace without such spans has nothing to match.
    if (!trace.spans.some((span) => policy.kinds.includes(span.kind))) continue;
    const key = `${trace.projectId}\u0000${sessionId}`;
    let read = bySession.get(key);
    if (!read) {
      const { kinds, limit } = policy;
      const query = { projectId: trace.projectId, sessionId, excludeTraceIds: [], kinds, limit };
      read = { query, members: [] };
      bySession.set(key, read);
    }
    read.query.excludeTraceIds.push(trace.traceId);
    read.members.push(trace);
  }
  return [...bySession.values()];
}

/**
 * Each touched trace's session context: the newest spans of the asked kinds from the
 * session's other traces, stored ones (`stored[i]` answers `reads[i]`) and ones in this write
 * alike, by traceKey.
 *
 * @example
 * const context = sessionContext(reads, await unit.readSessionSpans(reads.map((r) => r.query)));
 */
export function sessionContext(
  reads: readonly SessionRead[],
  stored: readonly (readonly Span[])[],
): Map<string, Span[]> {
  const context = new Map<string, Span[]>();
  reads.forEach(({ query, members }, i) => {
    const pool = [
      ...(stored[i] ?? []),
      ...members.flatMap((t) => orderSpanTree(t.spans).filter((s) => query.kinds.includes(s.kind))),
    ].sort((a, b) => b.startMs - a.startMs);
    for (const trace of members) {
      const others = pool.filter((s) => s.traceId !== trace.traceId).slice(0, query.limit);
      context.set(traceKey(trace), others);
    }
  });
  return context;
}
