import type { ChainLink } from '@glassbox/core/guards';
import type { AttemptRecord } from '../tracing/request-trace.js';
import { countPromptTokens, countTextTokens } from './count-prompt-tokens.js';
import type { RequestFacts } from './pre-call-guards.js';
import type { TokenUsageWire } from './stream-relay.js';

/** `glassbox.call.status` of an attempt that failed with a class (others are `error`). */
export const STATUS_OF_FAILURE: Record<string, string> = {
  rate_limit: 'rate_limit',
  timeout: 'timeout',
  first_token_timeout: 'timeout',
  context_length: 'context_length_exceeded',
  content_filter: 'content_filter',
  malformed_stream: 'invalid_response',
};

/** A new attempt's record, as a span will report it. */
export function attemptRecord(
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

/** Usage, model, finish reason and answer of a JSON completion. */
export function readUsage(record: AttemptRecord, parsed: Record<string, unknown>): void {
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
export async function usageOf(
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
