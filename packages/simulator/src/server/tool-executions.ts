import type { ServerResponse } from 'node:http';
import type { ProviderReply } from './provider-route.js';
import { sendJson } from './http-io.js';
import type { SimulatorState } from './simulator-state.js';

/** Answers of executed side-effecting calls by tool and idempotency key, per simulator. */
const executions = new WeakMap<SimulatorState, Map<string, unknown>>();
const LIMIT = 100_000;

/** Keeps what a keyed tool call answered, so a status check can find it later. */
export function rememberExecution(
  state: SimulatorState,
  tool: string,
  idempotencyKey: string,
  reply: ProviderReply,
): void {
  if (reply.kind !== 'json') return;
  const byKey = executions.get(state) ?? new Map<string, unknown>();
  if (byKey.size >= LIMIT) byKey.clear();
  byKey.set(`${tool}\u0000${idempotencyKey}`, reply.body);
  executions.set(state, byKey);
}

/**
 * `GET /v1/tools/:name/executions/:idempotencyKey`: the status check a service offers for
 * side-effecting calls: 200 with the execution's answer when one ran with that key, 404
 * when none did.
 */
export function sendExecution(
  res: ServerResponse,
  state: SimulatorState,
  tool: string,
  idempotencyKey: string,
): void {
  const found = executions.get(state)?.get(`${tool}\u0000${idempotencyKey}`);
  if (found === undefined) {
    sendJson(res, 404, {
      error: {
        message: `no ${tool} execution with idempotency key '${idempotencyKey}'`,
        type: 'invalid_request_error',
        param: null,
        code: 'not_found',
      },
    });
    return;
  }
  sendJson(res, 200, found);
}
