import { ExponentialBackoff } from 'cockatiel';

/**
 * Delays for retries of 5xx and network errors: cockatiel's exponential backoff with
 * decorrelated jitter, as a function of the retry number (1-based) for the fallback planner.
 *
 * @example const backoffMs = jitterBackoff({ initialDelayMs: 100, maxDelayMs: 5000 }); backoffMs(2)
 */
export function jitterBackoff(options: {
  initialDelayMs: number;
  maxDelayMs: number;
}): (attempt: number) => number {
  const factory = new ExponentialBackoff({
    initialDelay: options.initialDelayMs,
    maxDelay: options.maxDelayMs,
  });
  return (attempt) => {
    let backoff = factory.next();
    for (let i = 1; i < attempt; i++) backoff = backoff.next(undefined);
    return backoff.duration;
  };
}
