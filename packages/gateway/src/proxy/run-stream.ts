import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AttemptFailure, ChainLink, NextStep } from '@glassbox/core/guards';
import { GuardError } from '@glassbox/core/guards';
import type { GatewayRuntime, StoredAnswer } from '../gateway-runtime.js';
import type { RequestTrace } from '../tracing/request-trace.js';
import { UpstreamAbort, readBody } from '../upstream/send-upstream.js';
import { STATUS_OF_FAILURE, attemptRecord, usageOf } from './attempt-record.js';
import { chainFor, copyDecisions, planner, provider, wait } from './fallback-chain.js';
import type { RequestFacts } from './pre-call-guards.js';
import { responseHeaders } from './response-headers.js';
import { httpFailure, openUpstream } from './run-attempt.js';
import type { RelayMode } from './stream-relay.js';
import { StreamRelay } from './stream-relay.js';

/**
 * A streamed call over the fallback chain. A stream that breaks after content was sent is
 * continued on the next provider (prefill), or re-issued and de-duplicated when the
 * provider rejects prefills; otherwise it ends with an error event, never with [DONE].
 */
export async function runStream(
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
  const abort = new UpstreamAbort();
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
    rt.metrics.upstreamAttempts.inc(
      link.provider,
      result.ok ? 'success' : (result.failure?.kind ?? 'error'),
    );
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
