import type { CallStatus } from '../attributes/call-status.js';

export interface ClassifiedError {
  status: CallStatus;
  /** `error.type`: the provider's error code when it has one, else the error class name. */
  errorType: string;
  message: string;
  requestId?: string;
}

interface ErrorShape {
  name?: unknown;
  status?: unknown;
  code?: unknown;
  type?: unknown;
  message?: unknown;
  requestID?: unknown;
  error?: { code?: unknown; type?: unknown };
}

const CONTEXT_LENGTH = /context[_ ]length|maximum context|prompt is too long|too many tokens/i;

/**
 * Maps an error thrown by the openai client (or a compatible one) to a call status. Reads
 * class names, HTTP status and error codes rather than `instanceof`, so it needs no runtime
 * import of `openai` and works across its versions.
 *
 * @example
 * classifyOpenAIError(rateLimitError).status // 'rate_limit'
 */
export function classifyOpenAIError(error: unknown): ClassifiedError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorShape;
  const className = error instanceof Error ? error.constructor.name || error.name : typeof error;
  const code = str(e.code) ?? str(e.error?.code);
  const message = str(e.message) ?? String(error);
  const httpStatus = typeof e.status === 'number' ? e.status : undefined;
  const out: ClassifiedError = {
    status: statusOf(className, httpStatus, code, message),
    errorType: code ?? className,
    message,
  };
  const requestId = str(e.requestID);
  if (requestId !== undefined) out.requestId = requestId;
  return out;
}

function statusOf(
  className: string,
  httpStatus: number | undefined,
  code: string | undefined,
  message: string,
): CallStatus {
  if (className === 'APIConnectionTimeoutError' || httpStatus === 408 || code === 'ETIMEDOUT')
    return 'timeout';
  if (className === 'RateLimitError' || httpStatus === 429) return 'rate_limit';
  if (code === 'context_length_exceeded') return 'context_length_exceeded';
  if ((httpStatus === 400 || httpStatus === 413) && CONTEXT_LENGTH.test(message))
    return 'context_length_exceeded';
  if (code === 'content_filter' || className === 'ContentFilterFinishReasonError')
    return 'content_filter';
  return 'error';
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
