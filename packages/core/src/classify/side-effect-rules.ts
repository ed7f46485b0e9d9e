import { GLASSBOX_ATTRIBUTES } from '../model/glassbox-attributes.js';
import type { Span } from '../model/span.js';
import { canonicalJson } from './canonical-json.js';
import { makeFinding, type Finding } from './failure-categories.js';
import { infrastructureCategory } from './infrastructure-rules.js';
import { clip, isTrue, metadataValue } from './span-text.js';

/** Tool names that usually change the world, used when the SDK did not flag the side effect. */
const SIDE_EFFECT_NAME =
  /^(?:book|create|charge|pay|send|transfer|refund|cancel|delete|submit|place|purchase|reserve|post|issue)(?:_|[A-Z]|$)/;

/**
 * Whether a tool's name says it changes the world (`book_flight`, `sendEmail`, `refund`).
 *
 * @example
 * isSideEffectToolName('book_flight'); // true
 */
export function isSideEffectToolName(name: string): boolean {
  return SIDE_EFFECT_NAME.test(name);
}

/** Whether a tool span has side effects: the SDK's flag, else a verb-named tool. */
export function hasSideEffect(span: Span): boolean {
  const flag = span.attributes[GLASSBOX_ATTRIBUTES.toolSideEffect];
  if (flag !== undefined) return isTrue(flag);
  if (metadataValue(span, 'side_effect') !== undefined)
    return metadataValue(span, 'side_effect') === 'true';
  return SIDE_EFFECT_NAME.test(span.tool?.name ?? span.name);
}

/** The call may have run: it succeeded, or it timed out (the server may still have acted). */
function mayHaveExecuted(span: Span): boolean {
  return span.status !== 'error' || infrastructureCategory(span) === 'timeout';
}

/**
 * The same side-effecting call (same tool, same canonical arguments) that may have executed
 * twice in the trace or the session, without one idempotency key protecting both.
 */
export function duplicateSideEffectFindings(spans: Span[], sessionSpans: Span[] = []): Finding[] {
  const inTrace = new Set(spans.map((s) => s.spanId));
  const all = new Map<string, Span>();
  for (const s of [...sessionSpans, ...spans]) all.set(`${s.traceId}/${s.spanId}`, s);
  const groups = new Map<string, Span[]>();
  for (const s of all.values()) {
    if (s.kind !== 'tool' || !hasSideEffect(s) || !mayHaveExecuted(s)) continue;
    const key = `${s.tool?.name ?? s.name}\u0000${canonicalJson(s.tool?.arguments ?? s.input)}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const out: Finding[] = [];
  for (const group of groups.values()) {
    if (group.length < 2 || !group.some((s) => inTrace.has(s.spanId))) continue;
    const keys = group.map(
      (s) =>
        s.tool?.idempotencyKey ??
        (s.attributes[GLASSBOX_ATTRIBUTES.toolIdempotencyKey] as string | undefined),
    );
    if (keys[0] && keys.every((k) => k === keys[0])) continue;
    group.sort((a, b) => a.startMs - b.startMs);
    const first = group[0]!;
    const name = first.tool?.name ?? first.name;
    out.push(
      makeFinding(
        'duplicate_side_effect',
        group.map((s) => s.spanId),
        `${name} may have executed ${group.length} times with the same arguments`,
        {
          tool: name,
          arguments: clip(first.tool?.arguments ?? first.input ?? ''),
          executions: group.length,
          timedOut: group.filter((s) => s.status === 'error').length,
          // A timed-out call followed by the same call: the repeat came after a timeout.
          retriedAfterTimeout: group.slice(0, -1).some((s) => s.status === 'error'),
          traces: [...new Set(group.map((s) => s.traceId))],
          idempotencyKeys: keys.map((k) => k ?? null),
        },
      ),
    );
  }
  return out;
}
