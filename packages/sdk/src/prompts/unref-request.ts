import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { RegistryHttpError } from './registry-http-error.js';

/**
 * A JSON request whose socket does not keep the process alive once it is idle: neither a
 * long poll held open by the server nor a kept-alive connection may stop an application from
 * exiting when it is done (a call in flight does, unless `holdProcess` is false). Statuses
 * outside 2xx reject with the server's error message.
 *
 * @example const page = await unrefRequestJson('GET', url, {}, undefined, 30_000, signal);
 */
export function unrefRequestJson<T>(
  method: 'GET' | 'POST',
  url: string,
  headers: Record<string, string>,
  body: string | undefined,
  timeoutMs: number,
  signal?: AbortSignal,
  /** Keep the process alive while this call is in flight (false for the long poll). */
  holdProcess = true,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = (url.startsWith('https:') ? httpsRequest : httpRequest)(url, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      ...(signal ? { signal } : {}),
    });
    request.setTimeout(timeoutMs, () =>
      request.destroy(new RegistryHttpError(`${method} ${url}: no answer within ${timeoutMs} ms`)),
    );
    let held: { unref(): unknown } | undefined;
    request.on('socket', (socket) => {
      if (holdProcess) {
        socket.ref();
        held = socket;
      } else socket.unref();
    });
    // Once answered, the kept-alive socket idles unreferenced.
    const release = () => held?.unref();
    request.on('close', release);
    request.on('error', (error) =>
      reject(
        error instanceof RegistryHttpError
          ? error
          : new RegistryHttpError(`${method} ${url}: ${error.message}`, undefined, {
              cause: error,
            }),
      ),
    );
    request.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('error', reject);
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        let parsed: unknown;
        try {
          parsed = text === '' ? undefined : JSON.parse(text);
        } catch (error) {
          reject(new RegistryHttpError(`${method} ${url}: invalid JSON`, status, { cause: error }));
          return;
        }
        if (status >= 200 && status < 300) {
          resolve(parsed as T);
          return;
        }
        const message = (parsed as { error?: { message?: string } } | undefined)?.error?.message;
        reject(
          new RegistryHttpError(
            `${method} ${url}: ${status} ${message ?? text.slice(0, 200)}`,
            status,
          ),
        );
      });
    });
    request.end(body);
  });
}
