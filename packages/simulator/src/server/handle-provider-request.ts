import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolveBehavior } from '../faults/resolve-behavior.js';
import { sampleLatency } from '../faults/sample-latency.js';
import { seededRandom } from '../util/seeded-random.js';
import { transportFault } from '../faults/transport-faults.js';
import { CLIENT_CLOSED, writeEventStream } from '../faults/write-event-stream.js';
import { admitRequest } from './admit-request.js';
import { rememberExecution } from './tool-executions.js';
import { readJsonBody, sendError, sendJson, wait } from './http-io.js';
import { ProviderError } from './provider-error.js';
import type { ProviderRoute } from './provider-route.js';
import { isRecord } from './provider-route.js';
import { recordProcessed, recordRequest } from './simulator-stats.js';
import type { SimulatorState } from './simulator-state.js';

/** Status recorded for a connection reset before any answer. */
const CONNECTION_RESET = 0;

/**
 * Runs one provider request through the simulator: rules -> transport faults -> the route's
 * work (counted as processed) -> latency / late response -> JSON or SSE answer.
 */
export async function handleProviderRequest(
  route: ProviderRoute,
  req: IncomingMessage,
  res: ServerResponse,
  state: SimulatorState,
  pathTool: string | null,
): Promise<void> {
  const requestId = `req_${randomBytes(16).toString('hex')}`;
  const counter = ++state.requestCounter;
  const startedAt = Date.now();
  const abort = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  const idempotencyKey =
    headerValue(req, 'idempotency-key') ?? headerValue(req, 'x-idempotency-key');
  const baseHeaders: Record<string, string> = {
    'x-request-id': requestId,
    'openai-version': '2020-10-01',
    'openai-organization': 'org-simulator',
  };
  const truth = new Set<string>();
  let model: string | null = null;
  let rules: string[] = [];
  const finish = (status: number) =>
    recordRequest(state.stats, {
      requestId,
      route: route.route,
      model,
      status,
      rules,
      groundTruth: [...truth],
      idempotencyKey,
      startedAt: new Date(startedAt).toISOString(),
    });

  try {
    const { text, value } = await readJsonBody(req);
    const facts = route.facts(value, pathTool);
    model = facts.model;
    const config = state.config;
    const resolved = resolveBehavior(config, facts);
    rules = resolved.rules;
    const { behavior } = resolved;
    const bodyKey = `${route.route}:${pathTool ?? ''}:${text}`;
    const attempt = state.nextAttempt(bodyKey);
    const faultRng = seededRandom(config.seed, 'faults', bodyKey, attempt);
    const admission = admitRequest(state, behavior, model, faultRng, truth);
    if (admission.kind === 'hang') {
      finish(CLIENT_CLOSED);
      // Hold the request until the client gives up (or the simulator closes).
      await wait(2 ** 31 - 1, abort.signal);
      return;
    }
    const transportRng = seededRandom(config.seed, 'transport', bodyKey, attempt);
    if (transportFault(state, behavior, transportRng, truth) === 'reset') {
      finish(CONNECTION_RESET);
      req.socket.resetAndDestroy();
      return;
    }
    const seedParts = [
      config.seed,
      contentKey(route.route, pathTool, value),
      config.varyByRequestCounter ? counter : 'fixed',
    ];
    const reply = route.handle({
      state,
      body: value,
      behavior,
      seedParts,
      requestId,
      groundTruth: truth,
      facts,
    });
    recordProcessed(state.stats, route.route, facts.tool, idempotencyKey);
    if (facts.tool && idempotencyKey) rememberExecution(state, facts.tool, idempotencyKey, reply);

    const timingRng = seededRandom(config.seed, 'timing', bodyKey, counter);
    let delay = sampleLatency(
      reply.kind === 'sse' ? behavior.timeToFirstToken : behavior.latency,
      timingRng,
    );
    if (timingRng.chance(behavior.lateResponse.rate)) {
      truth.add('late-response');
      delay += behavior.lateResponse.delayMs;
    }
    if (!(await wait(delay, abort.signal))) return finish(CLIENT_CLOSED);
    const headers = {
      ...baseHeaders,
      ...admission.headers,
      ...reply.headers,
      'openai-processing-ms': String(Date.now() - startedAt),
      'x-sim-ground-truth': [...truth].join(','),
      'x-sim-rules': rules.join(','),
    };
    const streamRng = seededRandom(config.seed, 'stream', bodyKey, counter);
    const { streamFault } = behavior;
    const fault =
      streamFault.kind !== 'none' && streamRng.chance(streamFault.rate) ? streamFault.kind : 'none';
    if (fault !== 'none') truth.add(`stream-${fault}`);
    const status =
      reply.kind === 'json'
        ? (sendJson(res, 200, reply.body, headers), 200)
        : await writeEventStream(
            res,
            reply.chunks,
            headers,
            behavior.interChunkMs,
            fault,
            streamFault.afterChunks,
            (ms) => wait(ms, abort.signal),
          );
    finish(status);
  } catch (error) {
    const providerError =
      error instanceof ProviderError
        ? error
        : new ProviderError('server_error', `The simulator failed: ${(error as Error).message}`);
    sendError(res, providerError, {
      ...baseHeaders,
      'x-sim-ground-truth': [...truth].join(','),
      'x-sim-rules': rules.join(','),
    });
    finish(providerError.status);
  }
}

/**
 * The seed key of a request's content. Streaming is transport, not content: the same
 * question streamed or not gets the same answer.
 */
export function contentKey(route: string, pathTool: string | null, value: unknown): string {
  const {
    stream: _stream,
    stream_options: _options,
    ...content
  } = isRecord(value) ? value : { value };
  return `${route}:${pathTool ?? ''}:${JSON.stringify(content)}`;
}

function headerValue(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}
