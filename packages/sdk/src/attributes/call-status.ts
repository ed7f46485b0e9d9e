/** Outcome of one model call, as recorded in `glassbox.call.status`. */
export const CALL_STATUSES = [
  'success',
  'timeout',
  'rate_limit',
  'context_length_exceeded',
  'content_filter',
  'error',
  'invalid_response',
] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];
