import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { ProviderConfig } from '@glassbox/core/providers';

/** Connections are reused across requests: the gateway's overhead budget has no room for handshakes. */
const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64 });

/** Headers never forwarded in either direction (hop-by-hop, or recomputed by the gateway). */
export const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'authorization',
  'idempotency-key',
  'accept-encoding',
]);

export interface UpstreamRequest {
  provider: ProviderConfig;
  /** Path after the provider's base URL, e.g. `/chat/completions`. */
  path: string;
  method: 'GET' | 'POST';
  body: Buffer | null;
  /** The caller's headers (filtered here). */
  headers: IncomingHttpHeaders;
  /** The upstream key, read from the environment by the caller. */
  apiKey: string | null;
  signal: AbortSignal;
}

/**
 * Sends one request upstream over a keep-alive connection and resolves with the response
 * once its headers arrive; the body is left to the caller. Rejects on connection errors
 * (reset, refused) and on abort.
 *
 * @example const res = await sendUpstream({ provider, path: '/chat/completions', method: 'POST', body, headers, apiKey, signal });
 */
export function sendUpstream(request: UpstreamRequest): Promise<IncomingMessage> {
  const url = upstreamUrl(request.provider.baseUrl + request.path);
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || name.startsWith('x-glassbox-')) continue;
    headers[name] = value;
  }
  Object.assign(headers, request.provider.headers);
  if (request.apiKey) headers.authorization = `Bearer ${request.apiKey}`;
  if (request.body) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(request.body.length);
  }
  const secure = url.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const req = (secure ? httpsRequest : httpRequest)(
      url,
      {
        method: request.method,
        headers,
        agent: secure ? httpsAgent : httpAgent,
        signal: request.signal,
      },
      resolve,
    );
    req.on('error', reject);
    req.end(request.body ?? undefined);
  });
}

/** Reads a whole response body, rejecting when the connection breaks before its end. */
export function readBody(res: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () =>
      res.complete
        ? resolve(Buffer.concat(chunks))
        : reject(new Error('upstream closed the connection mid-body')),
    );
    res.on('error', reject);
    res.on('aborted', () => reject(new Error('upstream aborted the response')));
  });
}

const urls = new Map<string, URL>();

/** Parsed once per provider and path: URL parsing is a measurable part of a proxied call. */
function upstreamUrl(href: string): URL {
  let url = urls.get(href);
  if (!url) {
    url = new URL(href);
    if (urls.size > 1000) urls.clear();
    urls.set(href, url);
  }
  return url;
}
