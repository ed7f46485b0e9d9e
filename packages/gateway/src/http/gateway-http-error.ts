import type { ServerResponse } from 'node:http';

/**
 * An error the gateway answers itself, in OpenAI's error shape so every client parses it.
 *
 * @example throw new GatewayHttpError(400, 'invalid_request', 'the body is not JSON');
 */
export class GatewayHttpError extends Error {
  override readonly name = 'GatewayHttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Writes `{ error: { message, type, code, param } }` unless an answer already started. */
export function sendGatewayError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    if (!res.writableEnded) res.end();
    return;
  }
  const body = JSON.stringify({
    error: { message, type: 'glassbox_gateway_error', code, param: null },
  });
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}
