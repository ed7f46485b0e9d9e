/** The span event every guard decision is recorded as, and its attribute keys. */
export const GUARD_EVENT = {
  name: 'glassbox.guard',
  /** string: which guard decided (breaker, retry, fallback, loop, budget, idempotency, context, cache). */
  guard: 'glassbox.guard.name',
  /** string: what it decided (allow, retry, failover, skip, stop, reject, replay, hit, ...). */
  decision: 'glassbox.guard.decision',
  /** string: why, in words a person can act on. */
  reason: 'glassbox.guard.reason',
} as const;

/** The guards that record decisions. */
export type GuardName =
  | 'breaker'
  | 'retry'
  | 'fallback'
  | 'loop'
  | 'step_limit'
  | 'budget'
  | 'idempotency'
  | 'context'
  | 'cache'
  | 'stream';

/** One guard decision, as the SDK and the gateway put it on a span. */
export interface GuardDecision {
  guard: GuardName;
  decision: string;
  reason: string;
  /** Extra attributes (`glassbox.guard.<key>`). */
  details?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * The attributes of a decision's span event.
 *
 * @example guardEventAttributes({ guard: 'budget', decision: 'reject', reason: "Budget 'project:acme' exceeded" })
 */
export function guardEventAttributes(d: GuardDecision): Record<string, string | number | boolean> {
  const attributes: Record<string, string | number | boolean> = {
    [GUARD_EVENT.guard]: d.guard,
    [GUARD_EVENT.decision]: d.decision,
    [GUARD_EVENT.reason]: d.reason,
  };
  for (const [key, value] of Object.entries(d.details ?? {}))
    attributes[`glassbox.guard.${key}`] = value;
  return attributes;
}
