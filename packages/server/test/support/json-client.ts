import type { GlassboxServer } from '../../src/server-options.js';

/** An answer as a test reads it: the status and the parsed JSON body. */
export interface JsonAnswer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * A minimal JSON client for a running server, for HTTP tests.
 *
 * @example const api = jsonClient(server); (await api.get('/api/artifacts')).body.items
 */
export function jsonClient(server: GlassboxServer, headers: Record<string, string> = {}) {
  const call = async (method: string, path: string, body?: unknown): Promise<JsonAnswer> => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown) => call('POST', path, body),
    put: (path: string, body: unknown) => call('PUT', path, body),
    del: (path: string) => call('DELETE', path),
  };
}
