import type { ClientRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http';
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
  abort: UpstreamAbort;
}

/**
 * Cancels one upstream request (deadline, stalled stream). Lighter than an AbortController:
 * an AbortSignal is an EventTarget built per request, a measurable part of a proxied call.
 */
export class UpstreamAbort {
  aborted = false;
  private request: ClientRequest | null = null;

  attach(request: ClientRequest): void {
    this.request = request;
    if (this.aborted) request.destroy(abortError());
  }

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.request?.destroy(abortError());
  }

  /** Aborts after `ms` unless cleared; the timer does not hold the process open. */
  after(ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => this.abort(), ms);
    timer.unref();
    return timer;
  }
}

function abortError(): Error {
  return Object.assign(new Error('the upstream request was aborted'), {
    name: 'AbortError',
    code: 'ABORT_ERR',
  });
}

/**
 * Sends one request upstream over a keep-alive connection and resolves with the response
 * once its headers arrive; the body is left to the caller. Rejects on connection errors
 * (reset, refused) and on abort.
 *
 * @example const res = await sendUpstream({ provider, path: '/chat/completions', method: 'POST', body, headers, apiKey, abort });
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
      },
      resolve,
    );
    req.on('error', reject);
    request.abort.attach(req);
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
