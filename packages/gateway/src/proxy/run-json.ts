import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextStep } from '@glassbox/core/guards';
import type { GatewayRuntime, StoredAnswer } from '../gateway-runtime.js';
import type { RequestTrace } from '../tracing/request-trace.js';
import { attemptRecord, readUsage } from './attempt-record.js';
import { chainFor, copyDecisions, planner, provider, wait } from './fallback-chain.js';
import type { RequestFacts } from './pre-call-guards.js';
import { forwardedHeaders, responseHeaders } from './response-headers.js';
import { jsonAttempt } from './run-attempt.js';

/**
 * A non-streaming call over the fallback chain: each attempt's whole answer is read and
 * parsed before anything is sent, so a failed attempt is invisible to the client.
 */
export async function runJson(
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
    if (step.delayMs > 0) await wait(step.delayMs);
    const link = step.link;
    const p = provider(rt, link.provider);
    const payload =
      link.model === facts.model
        ? facts.raw
        : Buffer.from(JSON.stringify({ ...facts.body, model: link.model }));
    const started = Date.now();
    last = await jsonAttempt(p, path, payload, req.rawHeaders, rt.apiKey(p.apiKeyEnv));
    if (last.ok) {
      // The answer goes out first; its bookkeeping (usage, breaker, decisions) follows.
      res.writeHead(
        200,
        forwardedHeaders(last.headers, [
          'content-type',
          'application/json',
          'content-length',
          String(last.body.length),
          'x-glassbox-provider',
          link.provider,
          'x-glassbox-attempts',
          String(trace.attempts.length + 1),
        ]),
      );
      res.end(last.body);
      const record = attemptRecord(link, started, null, null, last.status);
      trace.attempts.push(record);
      rt.metrics.upstreamAttempts.inc(link.provider, 'success');
      readUsage(record, last.parsed);
      plan.succeeded(record.endMs);
      copyDecisions(plan, trace, copied);
      return { status: 200, contentType: 'application/json', body: last.body.toString('utf8') };
    }
    trace.attempts.push(
      attemptRecord(link, started, last.failure.kind, last.failure.message, last.status),
    );
    rt.metrics.upstreamAttempts.inc(link.provider, last.failure.kind);
    step = plan.failed(last.failure, Date.now());
  }
}
