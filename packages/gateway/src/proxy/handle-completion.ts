import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AttemptFailure, ChainLink, NextStep } from '@glassbox/core/guards';
import {
  DEFAULT_IDEMPOTENCY_TTL_MS,
  FallbackPlanner,
  GuardError,
  canonicalRequest,
} from '@glassbox/core/guards';
import { computeCostUsd } from '@glassbox/core/cost';
import { servesModel } from '@glassbox/core/providers';
import type { GatewayRuntime, StoredAnswer } from '../gateway-runtime.js';
import type { Caller } from '../http/authenticate.js';
import { GatewayHttpError } from '../http/gateway-http-error.js';
import type { AttemptRecord } from '../tracing/request-trace.js';
import { RequestTrace } from '../tracing/request-trace.js';
import { randomHex } from '../tracing/fast-ids.js';
import { countPromptTokens, countTextTokens } from './count-prompt-tokens.js';
import { readBody } from '../upstream/send-upstream.js';
import type { BudgetHold, RequestFacts } from './pre-call-guards.js';
import { checkRunAndContext, reserveBudgets } from './pre-call-guards.js';
import { responseHeaders } from './response-headers.js';
import { httpFailure, jsonAttempt, openUpstream } from './run-attempt.js';
import type { RelayMode, TokenUsageWire } from './stream-relay.js';
import { StreamRelay } from './stream-relay.js';
import { semanticLookup, semanticStore } from './semantic-lookup.js';

const STATUS_OF_FAILURE: Record<string, string> = {
  rate_limit: 'rate_limit',
  timeout: 'timeout',
  first_token_timeout: 'timeout',
  context_length: 'context_length_exceeded',
  content_filter: 'content_filter',
  malformed_stream: 'invalid_response',
};

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
        rt.metrics.count('glassbox_gateway_cache_hits_total', { cache: 'exact' });
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
      rt.metrics.count('glassbox_gateway_cache_hits_total', { cache: 'semantic' });
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
    finishTrace(
      rt,
      trace,
      facts,
      outcome.error ?? (answer && answer.status >= 400 ? `HTTP ${answer.status}` : null),
    );
  }
}

function chainFor(rt: GatewayRuntime, model: string): ChainLink[] {
  const routed = rt.config.routes[model];
  if (routed) return routed;
  const provider = rt.config.providers.find((p) => servesModel(p, model));
  if (!provider)
    throw new GatewayHttpError(404, 'model_not_found', `no provider serves the model '${model}'`);
  return [{ provider: provider.name, model, maxAttempts: rt.config.defaultMaxAttempts }];
}

function planner(rt: GatewayRuntime, chain: ChainLink[]): FallbackPlanner {
  return new FallbackPlanner(chain, {
    breakers: rt.breakers,
    idempotent: true,
    backoffMs: rt.backoffMs,
    maxRetryAfterMs: rt.config.guards.maxRetryAfterMs,
  });
}

function provider(rt: GatewayRuntime, name: string) {
  return rt.config.providers.find((p) => p.name === name)!;
}

function wait(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

function copyDecisions(plan: FallbackPlanner, trace: RequestTrace, from: number): number {
  for (let i = from; i < plan.decisions.length; i++) trace.decide(plan.decisions[i]!);
  return plan.decisions.length;
}

async function runJson(
  rt: GatewayRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  facts: RequestFacts,
  trace: RequestTrace,
): Promise<StoredAnswer> {
  const plan = planner(rt, chainFor(rt, facts.model));
  const path = facts.route === 'chat' ? '/chat/completions' : '/embeddings';
  let copied = 0;
  let step: NextStep = plan.start(Date.now());
  let last: Awaited<ReturnType<typeof jsonAttempt>> | null = null;
  for (;;) {
    copied = copyDecisions(plan, trace, copied);
    if (step.action === 'give_up') throw step.error;
    if (step.action === 'return_failure') {
      const failed = last as Extract<typeof last, { ok: false }>;
      const status = failed.status ?? 502;
      const body = failed.body?.toString('utf8') ?? '';
      res.writeHead(status, {
        ...responseHeaders(failed.headers),
        'content-type': 'application/json',
        'x-glassbox-attempts': String(trace.attempts.length),
      });
      res.end(body);
      return { status, contentType: 'application/json', body };
    }
    await wait(step.delayMs);
    const link = step.link;
    const p = provider(rt, link.provider);
    const payload =
      link.model === facts.model
        ? facts.raw
        : Buffer.from(JSON.stringify({ ...facts.body, model: link.model }));
    const started = Date.now();
    last = await jsonAttempt(p, path, payload, req.headers, rt.apiKey(p.apiKeyEnv));
    const record = attemptRecord(
      link,
      started,
      last.ok ? null : last.failure.kind,
      last.ok ? null : last.failure.message,
      last.ok ? last.status : last.status,
    );
    trace.attempts.push(record);
    rt.metrics.count('glassbox_gateway_upstream_attempts_total', {
      provider: link.provider,
      outcome: last.ok ? 'success' : last.failure.kind,
    });
    if (last.ok) {
      readUsage(record, last.parsed);
      plan.succeeded(Date.now());
      copyDecisions(plan, trace, copied);
      const body = last.body.toString('utf8');
      res.writeHead(200, {
        ...responseHeaders(last.headers),
        'content-type': 'application/json',
        'content-length': last.body.length,
        'x-glassbox-provider': link.provider,
        'x-glassbox-attempts': String(trace.attempts.length),
      });
      res.end(last.body);
      return { status: 200, contentType: 'application/json', body };
    }
    step = plan.failed(last.failure, Date.now());
  }
}

async function runStream(
  rt: GatewayRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  facts: RequestFacts,
  trace: RequestTrace,
): Promise<StoredAnswer | null> {
  const chain = chainFor(rt, facts.model);
  const plan = planner(rt, chain);
  const clientOptions = facts.body.stream_options as { include_usage?: boolean } | undefined;
  const relay = new StreamRelay(res, {
    forwardUsage: clientOptions?.include_usage === true,
    extraHeaders: {},
  });
  let copied = 0;
  let step: NextStep = plan.start(Date.now());
  let mode: RelayMode = 'fresh';
  let lastFailure: {
    status: number | null;
    headers: IncomingMessage['headers'];
    body: Buffer | null;
  } | null = null;
  for (;;) {
    copied = copyDecisions(plan, trace, copied);
    if (step.action === 'give_up') {
      relay.fail(step.error.status, step.error.code, step.error.message);
      throw step.error;
    }
    if (step.action === 'return_failure') {
      if (relay.clientHasContent) {
        const message =
          'the answer broke mid-stream and the failure cannot be recovered: nothing more is sent';
        relay.fail(502, 'stream_incomplete', message);
        throw new GuardError('stream_incomplete', message);
      }
      const status = lastFailure?.status ?? 502;
      const body = lastFailure?.body?.toString('utf8') ?? '';
      res.writeHead(status, {
        ...responseHeaders(lastFailure?.headers ?? {}),
        'content-type': 'application/json',
      });
      res.end(body);
      return { status, contentType: 'application/json', body };
    }
    await wait(step.delayMs);
    const link = step.link;
    if (relay.clientHasContent && relay.unrecoverable) {
      const message =
        'a tool-call or multi-choice stream broke after it had started; it cannot be continued';
      trace.decide({ guard: 'stream', decision: 'give_up', reason: message });
      relay.fail(502, 'stream_incomplete', message);
      throw new GuardError('stream_incomplete', message);
    }
    if (relay.clientHasContent && mode === 'fresh') mode = 'continue';
    const attempt = await streamAttempt(rt, req, relay, facts, link, mode, trace);
    if (attempt.prefillRejected) {
      trace.decide({
        guard: 'stream',
        decision: 'reissue',
        reason: `${link.provider}/${link.model} rejected the prefill continuation: re-issuing the request and skipping the ${relay.sent.length} characters already sent`,
      });
      mode = 'dedupe';
      const again = await streamAttempt(rt, req, relay, facts, link, mode, trace);
      Object.assign(attempt, again);
    }
    if (attempt.ok) {
      plan.succeeded(Date.now());
      copyDecisions(plan, trace, copied);
      if (!attempt.doneMarker)
        trace.decide({
          guard: 'stream',
          decision: 'complete',
          reason: 'the upstream ended after finish_reason without [DONE]: [DONE] added',
        });
      relay.done();
      return null;
    }
    lastFailure = attempt.response;
    step = plan.failed(attempt.failure!, Date.now());
  }
}

interface StreamAttemptResult {
  ok: boolean;
  doneMarker: boolean;
  prefillRejected: boolean;
  failure: AttemptFailure | null;
  response: { status: number | null; headers: IncomingMessage['headers']; body: Buffer | null };
}

async function streamAttempt(
  rt: GatewayRuntime,
  req: IncomingMessage,
  relay: StreamRelay,
  facts: RequestFacts,
  link: ChainLink,
  mode: RelayMode,
  trace: RequestTrace,
): Promise<StreamAttemptResult> {
  const p = provider(rt, link.provider);
  const messages = Array.isArray(facts.body.messages) ? facts.body.messages : [];
  const upstreamBody: Record<string, unknown> = {
    ...facts.body,
    model: link.model,
    stream: true,
    stream_options: { ...(facts.body.stream_options as object | undefined), include_usage: true },
  };
  if (mode === 'continue')
    upstreamBody.messages = [...messages, { role: 'assistant', content: relay.sent }];
  const started = Date.now();
  const abort = new AbortController();
  const sentBefore = relay.sent.length;
  const opened = await openUpstream(
    p,
    '/chat/completions',
    Buffer.from(JSON.stringify(upstreamBody)),
    req.headers,
    rt.apiKey(p.apiKeyEnv),
    p.timeouts.firstTokenMs,
    abort,
  );
  const record = attemptRecord(link, started, null, null, null);
  trace.attempts.push(record);
  const done = (result: StreamAttemptResult) => {
    record.endMs = Date.now();
    record.status = result.ok
      ? 'success'
      : (STATUS_OF_FAILURE[result.failure?.kind ?? ''] ?? 'error');
    record.error = result.failure ? `${result.failure.kind}: ${result.failure.message}` : null;
    rt.metrics.count('glassbox_gateway_upstream_attempts_total', {
      provider: link.provider,
      outcome: result.ok ? 'success' : (result.failure?.kind ?? 'error'),
    });
    return result;
  };
  if (!opened.ok)
    return done({
      ok: false,
      doneMarker: false,
      prefillRejected: false,
      failure: opened.failure,
      response: { status: null, headers: {}, body: null },
    });
  const { res } = opened;
  record.httpStatus = res.statusCode ?? null;
  if ((res.statusCode ?? 500) >= 400) {
    opened.clear();
    const data = await readBody(res).catch(() => Buffer.alloc(0));
    const failure = httpFailure(res.statusCode ?? 500, res.headers, data);
    const prefillRejected = mode === 'continue' && failure.kind === 'invalid_request';
    return done({
      ok: false,
      doneMarker: false,
      prefillRejected,
      failure,
      response: { status: res.statusCode ?? null, headers: res.headers, body: data },
    });
  }
  opened.clear();
  relay.setUpstreamHeaders(res.headers);
  const outcome = await relay.relay(
    res,
    mode,
    { firstTokenMs: p.timeouts.firstTokenMs, idleMs: p.timeouts.idleMs },
    abort,
  );
  record.responseModel = outcome.model;
  const produced = relay.sent.slice(sentBefore);
  await usageOf(record, outcome.usage, produced, facts);
  if (outcome.ok) {
    record.finishReason = outcome.finishReason;
    record.output = relay.sent;
    return done({
      ok: true,
      doneMarker: outcome.doneMarker,
      prefillRejected: false,
      failure: null,
      response: { status: 200, headers: res.headers, body: null },
    });
  }
  return done({
    ok: false,
    doneMarker: false,
    prefillRejected: false,
    failure: outcome.failure,
    response: { status: null, headers: {}, body: null },
  });
}

function attemptRecord(
  link: ChainLink,
  startMs: number,
  failureKind: string | null,
  message: string | null,
  httpStatus: number | null,
): AttemptRecord {
  return {
    provider: link.provider,
    model: link.model,
    startMs,
    endMs: Date.now(),
    status: failureKind === null ? 'success' : (STATUS_OF_FAILURE[failureKind] ?? 'error'),
    error: failureKind === null ? null : `${failureKind}: ${message ?? ''}`,
    httpStatus,
    inputTokens: null,
    outputTokens: null,
    estimatedUsage: false,
    responseModel: null,
    finishReason: null,
    output: null,
  };
}

function readUsage(record: AttemptRecord, parsed: Record<string, unknown>): void {
  const usage = parsed.usage as TokenUsageWire | undefined;
  if (usage) {
    record.inputTokens = usage.prompt_tokens ?? null;
    record.outputTokens = usage.completion_tokens ?? (usage.prompt_tokens !== undefined ? 0 : null);
  }
  if (typeof parsed.model === 'string') record.responseModel = parsed.model;
  const choice = Array.isArray(parsed.choices)
    ? (parsed.choices[0] as Record<string, unknown> | undefined)
    : undefined;
  if (choice && typeof choice.finish_reason === 'string')
    record.finishReason = choice.finish_reason;
  const content = (choice?.message as { content?: unknown } | undefined)?.content;
  if (typeof content === 'string') record.output = content;
}

/** Usage as reported, or counted by the gateway when the stream broke before the usage chunk. */
async function usageOf(
  record: AttemptRecord,
  usage: TokenUsageWire | null,
  produced: string,
  facts: RequestFacts,
): Promise<void> {
  if (usage?.prompt_tokens !== undefined) {
    record.inputTokens = usage.prompt_tokens;
    record.outputTokens = usage.completion_tokens ?? 0;
    return;
  }
  const prompt = await countPromptTokens(record.model, facts.body);
  record.inputTokens = prompt.system + prompt.tools + prompt.messages;
  record.outputTokens = await countTextTokens(record.model, produced);
  record.estimatedUsage = true;
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
): void {
  for (const { decision } of trace.decisions)
    rt.metrics.count('glassbox_gateway_guard_decisions_total', {
      guard: decision.guard,
      decision: decision.decision,
    });
  if (!rt.exporter) return;
  const params: Record<string, string | number | boolean> = {};
  const b = facts.body;
  if (typeof b.temperature === 'number') params['gen_ai.request.temperature'] = b.temperature;
  if (typeof b.max_tokens === 'number') params['gen_ai.request.max_tokens'] = b.max_tokens;
  if (b.stream === true) params['gen_ai.request.stream'] = true;
  const messages =
    rt.config.captureContent && Array.isArray(b.messages) ? JSON.stringify(b.messages) : null;
  for (const span of trace.spans(Date.now(), error, {
    messages,
    requestModel: facts.model,
    params,
  }))
    rt.exporter.add(span, facts.caller.authorization);
}
