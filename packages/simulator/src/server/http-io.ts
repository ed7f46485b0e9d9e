import type { IncomingMessage, ServerResponse } from 'node:http';
import { ProviderError } from './provider-error.js';

const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** Reads and parses a JSON body; an empty body is `undefined`. */
export async function readJsonBody(
  req: IncomingMessage,
): Promise<{ text: string; value: unknown }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new ProviderError('invalid_request', `Request body exceeds ${MAX_BODY_BYTES} bytes.`, {
        status: 413,
      });
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { text, value: undefined };
  try {
    return { text, value: JSON.parse(text) as unknown };
  } catch {
    throw new ProviderError(
      'invalid_request',
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload.)",
    );
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.writableEnded || res.destroyed) return;
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

/** Sends an error in OpenAI's body shape, with Retry-After when the error carries one. */
export function sendError(
  res: ServerResponse,
  error: ProviderError,
  headers: Record<string, string> = {},
): void {
  const retry: Record<string, string> =
    error.retryAfterSeconds !== null
      ? {
          'retry-after': String(Math.ceil(error.retryAfterSeconds)),
          'retry-after-ms': String(Math.round(error.retryAfterSeconds * 1000)),
        }
      : {};
  sendJson(res, error.status, error.toBody(), { ...headers, ...retry });
}

/** Resolves after `ms`, or early (false) when the signal aborts. */
export function wait(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
