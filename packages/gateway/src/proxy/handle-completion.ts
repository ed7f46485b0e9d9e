import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_IDEMPOTENCY_TTL_MS, GuardError, canonicalRequest } from '@glassbox/core/guards';
import { computeCostUsd } from '@glassbox/core/cost';
import type { GatewayRuntime, StoredAnswer } from '../gateway-runtime.js';
import type { Caller } from '../http/authenticate.js';
import { GatewayHttpError } from '../http/gateway-http-error.js';
import type { AttemptRecord } from '../tracing/request-trace.js';
import { RequestTrace } from '../tracing/request-trace.js';
import { randomHex } from '../tracing/fast-ids.js';
import type { BudgetHold, RequestFacts } from './pre-call-guards.js';
import { checkRunAndContext, reserveBudgets } from './pre-call-guards.js';
import { runJson } from './run-json.js';
import { runStream } from './run-stream.js';
import { semanticLookup, semanticStore } from './semantic-lookup.js';

/**
 * `POST /v1/chat/completions` and `/v1/embeddings` through every guard: idempotency key,
 * caches, loop and step guard, context budget, budgets (reserved, then settled with the cost
 * of every attempt), then the fallback chain with retries by failure class and breakers.
 * Streams are relayed chunk by chunk and never end as a success when broken.
 */
export async function handleCompletion(
  rt: GatewayRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  route: 'chat' | 'embeddings',
  raw: Buffer,
  caller: Caller,
): Promise<void> {
  const startMs = Date.now();
  const trace = new RequestTrace(req.headers.traceparent, route, startMs);
  let body: Record<string, unknown>;
  try {
    const parsed = JSON.parse(raw.toString('utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    body = parsed as Record<string, unknown>;
  } catch {
    throw new GatewayHttpError(400, 'invalid_request', 'the request body must be a JSON object');
  }
  if (typeof body.model !== 'string' || body.model === '')
    throw new GatewayHttpError(400, 'invalid_request', "'model' is required");
  const header = (name: string) => {
    const v = req.headers[name];
    return typeof v === 'string' && v !== '' ? v : null;
  };
  const facts: RequestFacts = {
    caller,
    route,
    model: body.model,
    body,
    raw,
    session: header('x-glassbox-session'),
    user: header('x-glassbox-user') ?? (typeof body.user === 'string' ? body.user : null),
    agent: header('x-glassbox-agent'),
    tenant: {
      project: caller.project,
      key: caller.keyId,
      promptVersion: header('x-glassbox-prompt-version'),
    },
  };
  if (facts.session) trace.attributes['gen_ai.conversation.id'] = facts.session;
  if (facts.user) trace.attributes['user.id'] = facts.user;
  const stream = route === 'chat' && body.stream === true;
  const cacheControl = (header('cache-control') ?? '').toLowerCase();
  // Canonicalizing costs a parse and a sort: only caches and idempotency keys need it.
  let canonicalText: string | null = null;
  const canonical = () =>
    (canonicalText ??= `${route}:${stream ? 'sse' : 'json'}:${canonicalRequest(body)}`);
  let outcome: { error: string | null } = { error: null };
  let hold: BudgetHold | null = null;
  let idempotencyKey: string | null = null;
  let answer: StoredAnswer | null = null;
  try {
    const idem = header('idempotency-key');
    if (idem) {
      idempotencyKey = `${caller.project}\u0000${idem}`;
      const fingerprint = createHash('sha256').update(canonical()).digest('hex');
      const begun = await rt.stores.idempotency.begin(
        idempotencyKey,
        fingerprint,
        Date.now(),
        DEFAULT_IDEMPOTENCY_TTL_MS,
      );
      if (begun.state !== 'started') {
        idempotencyKey = null;
        if (begun.state === 'completed') {
          trace.decide({
            guard: 'idempotency',
            decision: 'replay',
            reason: `Idempotency-Key '${idem}' already completed: stored answer returned, nothing executed`,
          });
          return sendStored(res, JSON.parse(begun.result) as StoredAnswer, {
            'idempotent-replayed': 'true',
          });
        }
        const inFlight = begun.state === 'in_flight';
        trace.decide({
          guard: 'idempotency',
          decision: 'reject',
          reason: inFlight
            ? `Idempotency-Key '${idem}' is in flight`
            : `Idempotency-Key '${idem}' reused with another payload`,
        });
        throw new GuardError(
          inFlight ? 'idempotency_in_flight' : 'idempotency_payload_mismatch',
          inFlight
            ? `A request with Idempotency-Key '${idem}' is still in flight`
            : `Idempotency-Key '${idem}' was already used with a different request body`,
        );
      }
    }
    const noCache = cacheControl.includes('no-cache') || cacheControl.includes('no-store');
    if (rt.exactCache && !noCache) {
      const hit = rt.exactCache.get(facts.tenant, canonical(), Date.now());
      if (hit) {
        trace.decide({
          guard: 'cache',
          decision: 'hit',
          reason: 'exact cache: same canonical request',
          details: { cache: 'exact' },
        });
        rt.metrics.cacheHits.inc('exact');
        answer = hit;
        return sendStored(res, hit, { 'x-glassbox-cache': 'hit-exact' });
      }
    } else if (noCache && (rt.exactCache || rt.semanticCache)) {
      trace.decide({
        guard: 'cache',
        decision: 'bypass',
        reason: `Cache-Control: ${cacheControl}`,
      });
    }
    const semantic =
      rt.semanticCache && !noCache && route === 'chat' && !stream
        ? await semanticLookup(rt, facts)
        : null;
    if (semantic?.hit) {
      trace.decide({
        guard: 'cache',
        decision: 'hit',
        reason: `semantic cache: similarity ${semantic.hit.similarity.toFixed(3)}`,
        details: { cache: 'semantic' },
      });
      rt.metrics.cacheHits.inc('semantic');
      answer = semantic.hit.value;
      return sendStored(res, semantic.hit.value, { 'x-glassbox-cache': 'hit-semantic' });
    }
    const counted = await checkRunAndContext(rt, facts, trace);
    hold = await reserveBudgets(rt, facts, counted, randomHex(16), trace);
    answer = stream
      ? await runStream(rt, req, res, facts, trace)
      : await runJson(rt, req, res, facts, trace);
    if (answer && answer.status === 200) {
      if (rt.exactCache && !cacheControl.includes('no-store'))
        rt.exactCache.set(facts.tenant, canonical(), answer, Date.now());
      if (semantic?.vector && !cacheControl.includes('no-store'))
        semanticStore(rt, facts, semantic.vector, answer);
    }
  } catch (error) {
    outcome = { error: (error as Error).message };
    throw error;
  } finally {
    if (hold) await settle(rt, hold, trace.attempts);
    if (idempotencyKey) {
      if (answer && answer.status < 500)
        await rt.stores.idempotency.complete(idempotencyKey, JSON.stringify(answer));
      else await rt.stores.idempotency.abandon(idempotencyKey);
    }
    const error =
      outcome.error ?? (answer && answer.status >= 400 ? `HTTP ${answer.status}` : null);
    const endMs = Date.now();
    // The answer is written on the next tick; building and serializing spans waits until
    // after it, so tracing never delays a response.
    setImmediate(() => finishTrace(rt, trace, facts, error, endMs));
  }
}

async function settle(
  rt: GatewayRuntime,
  hold: BudgetHold,
  attempts: AttemptRecord[],
): Promise<void> {
  let usd = 0;
  let tokens = 0;
  for (const a of attempts) {
    const input = a.inputTokens ?? 0;
    const output = a.outputTokens ?? 0;
    tokens += input + output;
    usd += computeCostUsd(a.model, { input, output }) ?? 0;
  }
  await rt.stores.ledger.settle(hold.id, { usd, tokens });
}

function sendStored(
  res: ServerResponse,
  answer: StoredAnswer,
  headers: Record<string, string>,
): void {
  res.writeHead(answer.status, {
    ...headers,
    'content-type': answer.contentType,
    'content-length': Buffer.byteLength(answer.body),
  });
  res.end(answer.body);
}

function finishTrace(
  rt: GatewayRuntime,
  trace: RequestTrace,
  facts: RequestFacts,
  error: string | null,
  endMs: number,
): void {
  for (const { decision } of trace.decisions)
    rt.metrics.guardDecisions.inc(decision.guard, decision.decision);
  if (!rt.exporter) return;
  const params: Record<string, string | number | boolean> = {};
  const b = facts.body;
  if (typeof b.temperature === 'number') params['gen_ai.request.temperature'] = b.temperature;
  if (typeof b.max_tokens === 'number') params['gen_ai.request.max_tokens'] = b.max_tokens;
  if (b.stream === true) params['gen_ai.request.stream'] = true;
  const messages =
    rt.config.captureContent && Array.isArray(b.messages) ? JSON.stringify(b.messages) : null;
  for (const span of trace.spans(endMs, error, {
    messages,
    requestModel: facts.model,
    params,
  }))
    rt.exporter.add(span, facts.caller.authorization);
}
