import type { Behavior } from '../config/simulator-config.js';
import { ProviderError } from '../server/provider-error.js';
import type { SimulatorState } from '../server/simulator-state.js';
import type { Random } from '../util/seeded-random.js';

/** Requests seen under the current config, for `failFirst`. */
const seen = new WeakMap<SimulatorState, { appliedAt: number; count: number }>();

const MESSAGES: Record<number, string> = {
  500: 'The server had an error while processing your request. Sorry about that!',
  502: 'Bad gateway.',
  503: 'The engine is currently overloaded, please try again later.',
};

/**
 * The gateway-facing transport faults, decided before the route runs: a connection reset
 * (answered by destroying the socket), the first N requests failing, or a flapping outage
 * (failing during the first half of every period). Throws the ProviderError to answer.
 *
 * @example if (transportFault(state, behavior, rng, truth) === 'reset') req.socket.destroy();
 */
export function transportFault(
  state: SimulatorState,
  behavior: Behavior,
  rng: Random,
  truth: Set<string>,
): 'reset' | null {
  const counter = seen.get(state);
  const current =
    counter && counter.appliedAt === state.configAppliedAt
      ? counter
      : { appliedAt: state.configAppliedAt, count: 0 };
  current.count += 1;
  seen.set(state, current);
  if (rng.chance(behavior.resetRate)) {
    truth.add('connection-reset');
    return 'reset';
  }
  if (current.count <= behavior.failFirst.count) {
    truth.add(`fail-first-${behavior.failFirst.status}`);
    throw failure(behavior.failFirst.status);
  }
  const { periodMs, status } = behavior.flapping;
  if (
    periodMs !== null &&
    Math.floor((Date.now() - state.configAppliedAt) / (periodMs / 2)) % 2 === 0
  ) {
    truth.add(`flapping-${status}`);
    throw failure(status);
  }
  return null;
}

function failure(status: number): ProviderError {
  const code =
    status === 429
      ? 'rate_limit_exceeded'
      : status === 502
        ? 'bad_gateway'
        : status === 503
          ? 'overloaded'
          : 'server_error';
  return new ProviderError(code, MESSAGES[status] ?? `Upstream error ${status}.`, {
    status,
    retryAfterSeconds: status === 429 || status === 503 ? 1 : null,
  });
}
