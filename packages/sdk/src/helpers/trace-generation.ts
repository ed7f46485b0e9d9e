import { SpanKind, type Attributes, type Span } from '@opentelemetry/api';
import { GLASSBOX_ATTRIBUTES, type Message, type TokenUsage } from '@glassbox/core/model';
import type { CallStatus } from '../attributes/call-status.js';
import {
  generationAttributes,
  type GenerationParameters,
} from '../attributes/generation-attributes.js';
import { promptHash } from '../attributes/prompt-hash.js';
import { callCostUsd } from '../cost/call-cost.js';
import { activeSdk } from '../runtime/active-sdk.js';
import { runInSpan } from './run-in-span.js';

export interface GenerationInput {
  model: string;
  provider?: string;
  operation?: 'chat' | 'text_completion' | 'generate_content';
  systemInstructions?: string;
  messages?: readonly Message[];
  parameters?: GenerationParameters;
  prompt?: { name?: string; version?: string };
}

/** What the application learned from the provider's answer. */
export interface GenerationResult {
  responseModel?: string;
  responseId?: string;
  requestId?: string;
  /** The answer text, or full output messages (tool calls included). */
  output?: string | readonly Message[];
  finishReason?: string;
  usage?: TokenUsage;
  /** Overrides the status derived from the finish reason (`success` or `content_filter`). */
  status?: CallStatus;
}

export interface GenerationRecorder {
  span: Span;
  /** Records the provider's answer; call once when it is known. */
  setResult(result: GenerationResult): void;
  /** Marks the first streamed token now (time to first token). */
  markFirstToken(): void;
}

/**
 * Traces a call to any model provider the SDK does not wrap, in the same call-log shape as
 * `instrumentOpenAI`: model, parameters, messages, tokens, cost, status, prompt hash.
 *
 * @example
 * const text = await traceGeneration({ model: 'claude-sonnet-4', provider: 'anthropic', messages }, async (gen) => {
 *   const res = await anthropic.messages.create({ ... });
 *   gen.setResult({ responseModel: res.model, output: res.content[0].text, usage: { input: res.usage.input_tokens, output: res.usage.output_tokens } });
 *   return res.content[0].text;
 * });
 */
export function traceGeneration<T>(
  input: GenerationInput,
  fn: (recorder: GenerationRecorder) => T,
): T {
  const { policy } = activeSdk();
  const operation = input.operation ?? 'chat';
  const startedAt = performance.now();
  let result: GenerationResult = {};
  let firstTokenMs: number | undefined;
  return runInSpan(
    {
      name: `${operation} ${input.model}`,
      kind: SpanKind.CLIENT,
      attributes: () =>
        generationAttributes(
          {
            operation,
            requestModel: input.model,
            provider: input.provider,
            parameters: input.parameters,
            systemInstructions: input.systemInstructions,
            inputMessages: input.messages,
            promptHash:
              input.messages || input.systemInstructions !== undefined
                ? promptHash({ system: input.systemInstructions, messages: input.messages })
                : undefined,
            promptName: input.prompt?.name,
            promptVersion: input.prompt?.version,
          },
          policy,
        ),
      onResult: () => {
        const finishReasons = result.finishReason !== undefined ? [result.finishReason] : undefined;
        const output =
          typeof result.output === 'string'
            ? [{ role: 'assistant', content: result.output }]
            : result.output;
        return generationAttributes(
          {
            operation,
            responseModel: result.responseModel,
            responseId: result.responseId,
            requestId: result.requestId,
            outputMessages: output,
            finishReasons,
            usage: result.usage,
            costUsd: callCostUsd(result.responseModel ?? input.model, result.usage),
            timeToFirstTokenMs: firstTokenMs,
            status:
              result.status ??
              (result.finishReason === 'content_filter' ? 'content_filter' : 'success'),
          },
          policy,
        );
      },
      onError: (): Attributes => ({ [GLASSBOX_ATTRIBUTES.callStatus]: 'error' }),
    },
    (span) =>
      fn({
        span,
        setResult: (r) => (result = r),
        markFirstToken: () => (firstTokenMs ??= performance.now() - startedAt),
      }),
  );
}
