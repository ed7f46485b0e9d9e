import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { RegistryHttpError } from './registry-http-error.js';

/** One parsed Server-Sent Event. */
export interface SseEvent {
  event: string;
  id?: string;
  data: string;
}

/** The server answered, but not with an event stream (an older server, a proxy): use polling. */
export class EventStreamUnsupported extends Error {
  override readonly name = 'EventStreamUnsupported';
}

/**
 * Splits a Server-Sent Events text stream into events (the WHATWG rules we need: `event`,
 * `id`, multi-line `data`, comments and `retry` ignored). Feed it chunks; it keeps the tail.
 *
 * @example const parse = sseParser((e) => console.log(e)); parse('event: a\ndata: 1\n\n');
 */
export function sseParser(onEvent: (event: SseEvent) => void): (chunk: string) => void {
  let buffer = '';
  let event = '';
  let id: string | undefined;
  let data: string[] = [];
  return (chunk) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (line === '') {
        if (data.length > 0 || event !== '') {
          onEvent({
            event: event || 'message',
            ...(id !== undefined ? { id } : {}),
            data: data.join('\n'),
          });
        }
        event = '';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') id = value;
    }
  };
}

/**
 * Opens an event stream on a socket that never keeps the process alive, handing each event to
 * `onEvent` until the server ends it (resolves) or it fails (rejects). A silence longer than
 * `idleMs` counts as a dead connection. Rejects with EventStreamUnsupported when the answer is
 * not `text/event-stream`.
 *
 * @example await openEventStream(url, headers, 40_000, signal, (e) => ...);
 */
export function openEventStream(
  url: string,
  headers: Record<string, string>,
  idleMs: number,
  signal: AbortSignal,
  onEvent: (event: SseEvent) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = (url.startsWith('https:') ? httpsRequest : httpRequest)(url, {
      method: 'GET',
      headers: { ...headers, accept: 'text/event-stream' },
      signal,
    });
    request.setTimeout(idleMs, () =>
      request.destroy(new RegistryHttpError(`GET ${url}: silent for ${idleMs} ms`)),
    );
    request.on('socket', (socket) => socket.unref());
    request.on('error', (error) =>
      reject(
        error instanceof RegistryHttpError
          ? error
          : new RegistryHttpError(`GET ${url}: ${error.message}`, undefined, { cause: error }),
      ),
    );
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      const type = String(response.headers['content-type'] ?? '');
      if (status !== 200 || !type.startsWith('text/event-stream')) {
        response.resume();
        const message = `GET ${url}: ${status} ${type || 'no content type'}, not an event stream`;
        reject(
          status === 401 || status >= 500
            ? new RegistryHttpError(message, status)
            : new EventStreamUnsupported(message),
        );
        return;
      }
      response.setEncoding('utf8');
      const parse = sseParser(onEvent);
      response.on('data', (chunk: string) => {
        try {
          parse(chunk);
        } catch (error) {
          request.destroy(error as Error);
        }
      });
      response.on('error', reject);
      response.on('end', () => resolve());
    });
    request.end();
  });
}
