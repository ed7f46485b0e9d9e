import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { RegistryHttpError } from './registry-http.js';

/**
 * A JSON GET whose socket does not keep the process alive: a long poll held open by the
 * server must not stop an application from exiting when it is done.
 *
 * @example const page = await unrefGetJson(url, {}, 30_000, signal);
 */
export function unrefGetJson<T>(
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = (url.startsWith('https:') ? httpsRequest : httpRequest)(url, {
      method: 'GET',
      headers,
      signal,
    });
    request.setTimeout(timeoutMs, () =>
      request.destroy(new RegistryHttpError(`GET ${url}: no answer within ${timeoutMs} ms`)),
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
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('error', reject);
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        if (status < 200 || status >= 300) {
          reject(new RegistryHttpError(`GET ${url}: ${status} ${text.slice(0, 200)}`, status));
          return;
        }
        try {
          resolve(JSON.parse(text) as T);
        } catch (error) {
          reject(new RegistryHttpError(`GET ${url}: invalid JSON`, status, { cause: error }));
        }
      });
    });
    request.end();
  });
}
