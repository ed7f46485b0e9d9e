import type { IdempotencyStore } from '@glassbox/core/guards';
import {
  DEFAULT_IDEMPOTENCY_TTL_MS,
  GuardError,
  MemoryIdempotencyStore,
  canonicalRequest,
} from '@glassbox/core/guards';
import { recordGuardDecision } from './record-guard-decision.js';

export interface IdempotentToolOptions<A, R> {
  name: string;
  /** Executes the side effect; the key should reach the service too. */
  run: (args: A, context: { idempotencyKey: string; signal: AbortSignal }) => Promise<R>;
  /**
   * Asks the service whether a call with this key already happened: its result, or
   * undefined when it did not. Runs after a timeout, before any retry.
   */
  statusCheck: (idempotencyKey: string, args: A) => Promise<R | undefined>;
  /** Client timeout of one execution. */
  timeoutMs: number;
  /** Executions after a timed-out one whose status check found nothing. Default 1. */
  retries?: number;
  store?: IdempotencyStore;
  ttlMs?: number;
}

/** What the guarded tool answers: its result, and whether it came from an earlier execution. */
export interface IdempotentResult<R> {
  result: R;
  replayed: boolean;
}

/**
 * Wraps a side-effecting tool so a timeout retry cannot execute it twice. A key already
 * completed returns the stored result without executing; a key in flight throws 409-style
 * `idempotency_in_flight`; the same key with other arguments throws `idempotency_payload_mismatch`.
 * After a timeout the wrapper first runs the status check and returns what it finds;
 * only when the service has no trace of the call does it execute again.
 *
 * @example
 * const book = idempotentTool({ name: 'book_repair', run: api.book, statusCheck: api.status, timeoutMs: 1500 });
 * const { result } = await book(args, `book-${callId}`);
 */
export function idempotentTool<A, R>(
  options: IdempotentToolOptions<A, R>,
): (args: A, idempotencyKey: string) => Promise<IdempotentResult<R>> {
  const store = options.store ?? new MemoryIdempotencyStore();
  const ttl = options.ttlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS;
  const retries = options.retries ?? 1;
  return async (args, idempotencyKey) => {
    const fingerprint = `${options.name}\u0000${canonicalRequest(args)}`;
    const begun = await store.begin(idempotencyKey, fingerprint, Date.now(), ttl);
    if (begun.state === 'completed') {
      recordGuardDecision({
        guard: 'idempotency',
        decision: 'replay',
        reason: `${options.name}: key ${idempotencyKey} already completed; stored result returned`,
      });
      return { result: JSON.parse(begun.result) as R, replayed: true };
    }
    if (begun.state === 'in_flight') {
      recordGuardDecision({
        guard: 'idempotency',
        decision: 'reject',
        reason: `${options.name}: key ${idempotencyKey} is in flight`,
      });
      throw new GuardError(
        'idempotency_in_flight',
        `${options.name}: a call with idempotency key '${idempotencyKey}' is still in flight`,
        { key: idempotencyKey },
      );
    }
    if (begun.state === 'payload_mismatch') {
      recordGuardDecision({
        guard: 'idempotency',
        decision: 'reject',
        reason: `${options.name}: key ${idempotencyKey} reused with other arguments`,
      });
      throw new GuardError(
        'idempotency_payload_mismatch',
        `${options.name}: idempotency key '${idempotencyKey}' was used with different arguments`,
        { key: idempotencyKey },
      );
    }
    try {
      const outcome = await execute(options, args, idempotencyKey, retries);
      await store.complete(idempotencyKey, JSON.stringify(outcome.result));
      return outcome;
    } catch (error) {
      await store.abandon(idempotencyKey);
      throw error;
    }
  };
}

async function execute<A, R>(
  options: IdempotentToolOptions<A, R>,
  args: A,
  idempotencyKey: string,
  retries: number,
): Promise<IdempotentResult<R>> {
  for (let attempt = 0; ; attempt++) {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new DOMException(`${options.name} timed out`, 'TimeoutError')),
      options.timeoutMs,
    );
    const { signal } = controller;
    try {
      return {
        result: await raceSignal(options.run(args, { idempotencyKey, signal }), signal),
        replayed: false,
      };
    } catch (error) {
      if (!isTimeout(error, signal)) throw error;
      const found = await options.statusCheck(idempotencyKey, args);
      if (found !== undefined) {
        recordGuardDecision({
          guard: 'idempotency',
          decision: 'status_check_hit',
          reason: `${options.name} timed out after ${options.timeoutMs} ms but had executed: result taken from the status check, not executed again`,
        });
        return { result: found, replayed: true };
      }
      if (attempt >= retries) throw error;
      recordGuardDecision({
        guard: 'retry',
        decision: 'retry',
        reason: `${options.name} timed out and the status check found no execution: retry ${attempt + 1} of ${retries}`,
      });
    } finally {
      clearTimeout(timer);
    }
  }
}

function isTimeout(error: unknown, signal: AbortSignal): boolean {
  return (
    signal.aborted ||
    (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
  );
}

/** Rejects with the signal's reason when it aborts first, for tools that ignore the signal. */
function raceSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () =>
      reject(signal.reason instanceof Error ? signal.reason : new Error('TimeoutError'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
