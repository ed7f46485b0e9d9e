import type { Behavior } from '../config/simulator-config.js';
import type { Random } from '../util/seeded-random.js';
import { ProviderError } from './provider-error.js';
import type { SimulatorState } from './simulator-state.js';

export type Admission = { kind: 'admit'; headers: Record<string, string> } | { kind: 'hang' };

const SERVER_ERRORS: Record<number, [ProviderError['code'], string]> = {
  500: ['server_error', 'The server had an error while processing your request. Sorry about that!'],
  502: ['bad_gateway', 'Bad gateway.'],
  503: ['overloaded', 'The engine is currently overloaded, please try again later.'],
};

/**
 * Decides whether a request gets through the injected transport faults: quota and random
 * 429s, 5xx bursts, hangs. Throws the ProviderError to answer with, or says to hang.
 */
export function admitRequest(
  state: SimulatorState,
  behavior: Behavior,
  model: string | null,
  rng: Random,
  truth: Set<string>,
): Admission {
  const headers: Record<string, string> = {};
  const { rateLimit, serverErrors } = behavior;
  const rateLimited = (detail: string, retryAfterSeconds: number) => {
    truth.add('rate-limit');
    return new ProviderError(
      'rate_limit_exceeded',
      `Rate limit reached for ${model ?? 'requests'} in organization org-simulator on requests per min (RPM): ${detail}. Please try again in ${retryAfterSeconds}s.`,
      { retryAfterSeconds },
    );
  };
  // Draw in a fixed order so each fault's share is independent of the others' settings.
  const randomLimit = rng.chance(rateLimit.rate);
  const serverError = rng.chance(serverErrors.rate);
  const hang = rng.chance(behavior.hangRate);
  const status = serverErrors.statuses.length > 0 ? rng.pick(serverErrors.statuses) : 500;

  if (rateLimit.requestsPerWindow !== null) {
    const key = `${model ?? '*'}:${rateLimit.requestsPerWindow}:${rateLimit.windowMs}`;
    const result = state.limiter.tryAcquire(key, rateLimit.requestsPerWindow, rateLimit.windowMs);
    headers['x-ratelimit-limit-requests'] = String(rateLimit.requestsPerWindow);
    if (!result.ok) {
      throw rateLimited(
        `Limit ${rateLimit.requestsPerWindow}, Used ${rateLimit.requestsPerWindow}, Requested 1`,
        Math.max(rateLimit.retryAfterSeconds, Math.ceil(result.retryAfterMs / 1000)),
      );
    }
    headers['x-ratelimit-remaining-requests'] = String(result.remaining);
  }
  if (randomLimit) throw rateLimited('Limit reached', rateLimit.retryAfterSeconds);

  const burstActive =
    serverErrors.durationMs === null ||
    Date.now() - state.configAppliedAt < serverErrors.durationMs;
  if (serverError && burstActive) {
    truth.add(`server-error-${status}`);
    const [code, message] = SERVER_ERRORS[status] ?? ['server_error', `Upstream error ${status}.`];
    throw new ProviderError(code, message, {
      status,
      retryAfterSeconds: status === 503 || status === 429 ? serverErrors.retryAfterSeconds : null,
    });
  }
  if (hang) {
    truth.add('hang');
    return { kind: 'hang' };
  }
  return { kind: 'admit', headers };
}
