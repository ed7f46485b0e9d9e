import type { GuardDecision } from '@glassbox/core/guards';
import { GLASSBOX_ATTRIBUTES } from '@glassbox/core/model';
import { GUARD_EVENT, guardEventAttributes } from '@glassbox/core/guards';
import type { GatewaySpan } from './otlp-json-exporter.js';
import { randomHex } from './fast-ids.js';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/** One upstream attempt, recorded as an LLM span of its own (its usage, its cost). */
export interface AttemptRecord {
  provider: string;
  model: string;
  startMs: number;
  endMs: number;
  /** `glassbox.call.status`: success, rate_limit, timeout, context_length_exceeded, content_filter, error. */
  status: string;
  error: string | null;
  httpStatus: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  /** True when the tokens were counted by the gateway because the answer broke before usage came. */
  estimatedUsage: boolean;
  responseModel: string | null;
  finishReason: string | null;
  output: string | null;
}

/**
 * The spans of one gateway request: a `gateway <route>` span carrying every guard decision
 * as a `glassbox.guard` event, and one OTel GenAI LLM span per upstream attempt, so the
 * classifier sees each rate limit, timeout or cut stream, and the cost of every attempt
 * (fail-overs included) adds up.
 *
 * @example
 * const trace = new RequestTrace(req.headers.traceparent, 'chat', Date.now());
 * trace.decide({ guard: 'cache', decision: 'hit', reason: 'exact match' });
 */
export class RequestTrace {
  readonly traceId: string;
  readonly spanId: string;
  private readonly parentSpanId: string | undefined;
  readonly decisions: { at: number; decision: GuardDecision; describe?: () => string }[] = [];
  readonly attempts: AttemptRecord[] = [];
  readonly attributes: Record<string, string | number | boolean> = {};

  constructor(
    traceparent: string | string[] | undefined,
    readonly route: string,
    readonly startMs: number,
  ) {
    const parent = typeof traceparent === 'string' ? TRACEPARENT.exec(traceparent) : null;
    const ids = randomHex(24);
    this.traceId = parent?.[1] ?? ids.slice(0, 32);
    this.parentSpanId = parent?.[2];
    this.spanId = ids.slice(32, 48);
  }

  decide(decision: GuardDecision, at = Date.now()): void {
    this.decisions.push({ at, decision });
  }

  /** A decision whose reason is worded only when the spans are built, after the answer is sent. */
  decideLater(guard: GuardDecision['guard'], decision: string, describe: () => string): void {
    this.decisions.push({ at: Date.now(), decision: { guard, decision, reason: '' }, describe });
  }

  spans(
    endMs: number,
    error: string | null,
    input: {
      messages: string | null;
      requestModel: string;
      params: Record<string, string | number | boolean>;
    },
  ): GatewaySpan[] {
    const root: GatewaySpan = {
      traceId: this.traceId,
      spanId: this.spanId,
      ...(this.parentSpanId ? { parentSpanId: this.parentSpanId } : {}),
      name: `gateway ${this.route}`,
      startMs: this.startMs,
      endMs,
      error,
      attributes: {
        'glassbox.gateway.route': this.route,
        'glassbox.gateway.attempts': this.attempts.length,
        ...this.attributes,
      },
      events: this.decisions.map(({ at, decision, describe }) => ({
        name: GUARD_EVENT.name,
        timeMs: at,
        attributes: guardEventAttributes(describe ? { ...decision, reason: describe() } : decision),
      })),
    };
    const operation = this.route === 'embeddings' ? 'embeddings' : 'chat';
    const children = this.attempts.map((a, i): GatewaySpan => {
      const attributes: Record<string, string | number | boolean> = {
        'gen_ai.operation.name': operation,
        'gen_ai.provider.name': a.provider,
        'gen_ai.request.model': a.model,
        [GLASSBOX_ATTRIBUTES.callStatus]: a.status,
        'glassbox.gateway.attempt': i + 1,
        ...input.params,
      };
      if (a.responseModel) attributes['gen_ai.response.model'] = a.responseModel;
      if (a.inputTokens !== null) attributes['gen_ai.usage.input_tokens'] = a.inputTokens;
      if (a.outputTokens !== null) attributes['gen_ai.usage.output_tokens'] = a.outputTokens;
      if (a.estimatedUsage) attributes['glassbox.gateway.usage_estimated'] = true;
      if (a.httpStatus !== null) attributes['http.response.status_code'] = a.httpStatus;
      if (a.finishReason)
        attributes['gen_ai.response.finish_reasons'] = JSON.stringify([a.finishReason]);
      if (input.messages !== null) attributes['gen_ai.input.messages'] = input.messages;
      if (a.output !== null)
        attributes['gen_ai.output.messages'] = JSON.stringify([
          {
            role: 'assistant',
            parts: [{ type: 'text', content: a.output }],
            finish_reason: a.finishReason ?? 'stop',
          },
        ]);
      if (this.attributes['gen_ai.conversation.id'] !== undefined)
        attributes['gen_ai.conversation.id'] = this.attributes['gen_ai.conversation.id'];
      if (this.attributes['user.id'] !== undefined)
        attributes['user.id'] = this.attributes['user.id'];
      const ids = randomHex(8);
      return {
        traceId: this.traceId,
        spanId: ids,
        parentSpanId: this.spanId,
        name: `${operation} ${a.model}`,
        startMs: a.startMs,
        endMs: a.endMs,
        error: a.error,
        attributes,
        events: [],
      };
    });
    return [root, ...children];
  }
}
