import { SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api';
import { generationAttributes } from '../attributes/generation-attributes.js';
import { callCostUsd } from '../cost/call-cost.js';
import { endSpan, recordFailure, safeSetAttributes, startSpan } from '../helpers/start-span.js';
import { activeSdk, reportInternal } from '../runtime/active-sdk.js';
import type { ClientInfo } from './chat-call.js';
import { classifyOpenAIError } from './classify-openai-error.js';
import type { OpenAIEmbeddingRequest, OpenAIEmbeddingResponse } from './openai-types.js';

/** One instrumented embeddings request. */
export class EmbeddingsCall {
  private constructor(
    private readonly span: Span,
    private readonly requestModel: string,
  ) {}

  static start(body: OpenAIEmbeddingRequest, client: ClientInfo): EmbeddingsCall | undefined {
    try {
      const model = String(body.model);
      const started = startSpan(
        `embeddings ${model}`,
        {
          ...generationAttributes(
            {
              operation: 'embeddings',
              provider: client.provider,
              requestModel: model,
              serverAddress: client.serverAddress,
              serverPort: client.serverPort,
              parameters: body.encoding_format ? { encodingFormats: [body.encoding_format] } : {},
            },
            activeSdk().policy,
          ),
          ...(typeof body.dimensions === 'number'
            ? { 'gen_ai.embeddings.dimension.count': body.dimensions }
            : {}),
        },
        SpanKind.CLIENT,
      );
      return started ? new EmbeddingsCall(started.span, model) : undefined;
    } catch (error) {
      reportInternal('starting an OpenAI embeddings span', error);
      return undefined;
    }
  }

  succeed(response: OpenAIEmbeddingResponse, requestId: string | undefined): void {
    safeSetAttributes(this.span, () => {
      const input = response.usage?.prompt_tokens;
      const usage = typeof input === 'number' ? { input, output: 0 } : undefined;
      return generationAttributes(
        {
          operation: 'embeddings',
          responseModel: response.model,
          requestId,
          usage: typeof input === 'number' ? { input } : undefined,
          costUsd: callCostUsd(response.model ?? this.requestModel, usage),
          status: 'success',
        },
        activeSdk().policy,
      );
    });
    endSpan(this.span);
  }

  fail(error: unknown): void {
    const classified = classifyOpenAIError(error);
    safeSetAttributes(this.span, () =>
      generationAttributes(
        { operation: 'embeddings', status: classified.status, requestId: classified.requestId },
        activeSdk().policy,
      ),
    );
    recordFailure(this.span, error);
    this.span.setAttribute('error.type', classified.errorType);
    this.span.setStatus({ code: SpanStatusCode.ERROR, message: classified.message });
    endSpan(this.span);
  }
}
