import { SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api';
import { GLASSBOX_ATTRIBUTES } from '@glassbox/core/model';
import type { CallStatus } from '../attributes/call-status.js';
import {
  generationAttributes,
  type GenerationRecord,
} from '../attributes/generation-attributes.js';
import { estimatePromptTokens } from '../attributes/estimate-prompt-tokens.js';
import { promptHash } from '../attributes/prompt-hash.js';
import { callCostUsd } from '../cost/call-cost.js';
import { endSpan, recordFailure, safeSetAttributes, startSpan } from '../helpers/start-span.js';
import { activeSdk, reportInternal } from '../runtime/active-sdk.js';
import { checkOutputFormat } from '../validation/check-output-format.js';
import { currentCallOptions, type CallOptions } from './call-options.js';
import { describeChatRequest } from './chat-request.js';
import type { ChatResponseLog } from './chat-response.js';
import { classifyOpenAIError } from './classify-openai-error.js';
import type { OpenAIChatRequest } from './openai-types.js';

export interface ClientInfo {
  provider: string;
  serverAddress?: string;
  serverPort?: number;
}

/** One instrumented chat completion, from request to the end of its response or stream. */
export class ChatCall {
  private readonly startedAt = performance.now();
  private firstTokenMs: number | undefined;
  private ended = false;

  private constructor(
    private readonly span: Span,
    private readonly requestModel: string,
    private readonly options: CallOptions,
  ) {}

  /** Starts the span for a request; undefined if the SDK could not (the call goes on untraced). */
  static start(body: OpenAIChatRequest, client: ClientInfo): ChatCall | undefined {
    try {
      const request = describeChatRequest(body);
      const options = currentCallOptions();
      const toolsJson = request.toolDefinitions && JSON.stringify(request.toolDefinitions);
      const record: GenerationRecord = {
        operation: 'chat',
        provider: client.provider,
        serverAddress: client.serverAddress,
        serverPort: client.serverPort,
        requestModel: request.requestModel,
        parameters: request.parameters,
        inputMessages: request.inputMessages,
        toolDefinitionsJson: toolsJson,
        tokensSent: estimatePromptTokens(request.inputMessages, toolsJson),
        outputType: request.outputType,
        toolChoice: request.toolChoice,
        responseFormat: request.responseFormat,
        promptHash: promptHash(body.messages),
        promptName: options.prompt?.name,
        promptVersion: options.prompt?.version,
      };
      const started = startSpan(
        `chat ${request.requestModel}`,
        generationAttributes(record, activeSdk().policy),
        SpanKind.CLIENT,
      );
      if (!started) return undefined;
      return new ChatCall(started.span, request.requestModel, options);
    } catch (error) {
      reportInternal('starting an OpenAI chat span', error);
      return undefined;
    }
  }

  /** Marks the call as part of a whole-run replay: served from the recording, or live. */
  markReplay(served: 'recorded' | 'live'): void {
    safeSetAttributes(this.span, () => ({ [GLASSBOX_ATTRIBUTES.replayServed]: served }));
  }

  markChunk(produced: boolean): void {
    if (produced && this.firstTokenMs === undefined)
      this.firstTokenMs = performance.now() - this.startedAt;
  }

  /** Records a complete response (non-streamed, or the end of a stream). */
  succeed(response: ChatResponseLog, requestId: string | undefined): void {
    if (this.ended) return;
    this.ended = true;
    safeSetAttributes(this.span, () => {
      const firstText = response.outputMessages[0]?.content ?? '';
      let status: CallStatus = response.finishReasons.includes('content_filter')
        ? 'content_filter'
        : 'success';
      let formatError: string | undefined;
      if (status === 'success' && this.options.expect) {
        formatError = checkOutputFormat(firstText, this.options.expect);
        if (formatError !== undefined) status = 'invalid_response';
      }
      return generationAttributes(
        {
          operation: 'chat',
          responseModel: response.responseModel,
          responseId: response.responseId,
          requestId,
          outputMessages: response.outputMessages,
          finishReasons: response.finishReasons,
          usage: response.usage,
          costUsd: callCostUsd(response.responseModel ?? this.requestModel, response.usage),
          timeToFirstTokenMs: this.firstTokenMs,
          status,
          formatError,
        },
        activeSdk().policy,
      );
    });
    endSpan(this.span);
  }

  /** Records an error thrown by the client or the stream; the caller rethrows it unchanged. */
  fail(error: unknown, partial?: ChatResponseLog): void {
    if (this.ended) return;
    this.ended = true;
    const classified = classifyOpenAIError(error);
    safeSetAttributes(this.span, () =>
      generationAttributes(
        {
          operation: 'chat',
          status: classified.status,
          errorType: classified.errorType,
          requestId: classified.requestId,
          responseModel: partial?.responseModel,
          outputMessages: partial?.outputMessages,
          usage: partial?.usage,
          timeToFirstTokenMs: this.firstTokenMs,
        },
        activeSdk().policy,
      ),
    );
    recordFailure(this.span, error);
    this.span.setAttribute('error.type', classified.errorType);
    this.span.setStatus({ code: SpanStatusCode.ERROR, message: classified.message });
    endSpan(this.span);
  }
}
