/** Stable codes of the decisions a guard refuses a call with. */
export const GUARD_ERROR_CODES = [
  'circuit_open',
  'loop_detected',
  'step_limit_reached',
  'ping_pong_detected',
  'budget_exceeded',
  'idempotency_in_flight',
  'idempotency_payload_mismatch',
  'context_budget_exceeded',
  'stream_incomplete',
  'upstream_failed',
] as const;

export type GuardErrorCode = (typeof GUARD_ERROR_CODES)[number];

/** The HTTP status a gateway answers each refusal with (IETF idempotency draft: 409, 422). */
export const GUARD_ERROR_STATUS: Readonly<Record<GuardErrorCode, number>> = {
  circuit_open: 503,
  loop_detected: 429,
  step_limit_reached: 429,
  ping_pong_detected: 429,
  budget_exceeded: 429,
  idempotency_in_flight: 409,
  idempotency_payload_mismatch: 422,
  context_budget_exceeded: 400,
  stream_incomplete: 502,
  upstream_failed: 502,
};

/**
 * A call a guard refused, with a reason a person can act on and the details behind it.
 *
 * @example
 * throw new GuardError('budget_exceeded', "Budget 'project:acme' of $5.00 would be exceeded", { budget: 'project:acme' });
 */
export class GuardError extends Error {
  override readonly name = 'GuardError';
  constructor(
    readonly code: GuardErrorCode,
    message: string,
    readonly details: Readonly<Record<string, string | number | boolean>> = {},
  ) {
    super(message);
  }

  get status(): number {
    return GUARD_ERROR_STATUS[this.code];
  }
}
