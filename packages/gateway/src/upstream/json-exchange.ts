import type { Dispatcher } from 'undici';
import { Pool } from 'undici';
import type { ProviderConfig } from '@glassbox/core/providers';
import { HOP_BY_HOP } from './send-upstream.js';

/** One whole upstream answer: status, headers as a flat `[name, value, ...]` list (names lower-cased), body. */
export interface UpstreamAnswer {
  ok: true;
  status: number;
  headers: string[];
  body: Buffer;
}

/** A request that got no whole answer: a connection error, or no answer before the deadline. */
export interface UpstreamBreak {
  ok: false;
  error: Error & { code?: string };
  timedOut: boolean;
  /** The status, when the headers came before the break. */
  status: number | null;
}

export interface JsonExchangeRequest {
  provider: ProviderConfig;
  /** Path after the provider's base URL, e.g. `/chat/completions`. */
  path: string;
  body: Buffer;
  /** The caller's headers as `IncomingMessage.rawHeaders` gives them (filtered here). */
  callerHeaders: readonly string[];
  apiKey: string | null;
  /** The whole exchange, headers and body, must end within this. */
  deadlineMs: number;
}

/**
 * Sends one JSON POST upstream and resolves with the whole answer, or with what broke it;
 * never rejects. Connections are pooled per provider and kept alive, and the request is
 * driven through undici's dispatcher with one handler object: no response stream, header
 * object or promise per chunk, which is most of what a proxied call costs in Node.
 *
 * @example
 * const answer = await exchangeJson({ provider, path: '/chat/completions', body, callerHeaders: req.rawHeaders, apiKey, deadlineMs: 60_000 });
 * if (answer.ok) res.end(answer.body);
 */
export function exchangeJson(
  request: JsonExchangeRequest,
): Promise<UpstreamAnswer | UpstreamBreak> {
  const target = targetOf(request.provider);
  return new Promise((resolve) => {
    const exchange = new Exchange(resolve, request.deadlineMs);
    try {
      target.pool.dispatch(
        {
          origin: target.origin,
          path: target.basePath + request.path,
          method: 'POST',
          headers: upstreamHeaders(request, target),
          body: request.body,
          headersTimeout: 0,
          bodyTimeout: 0,
        },
        exchange,
      );
    } catch (error) {
      exchange.onError(error as Error);
    }
  });
}

/** The caller's headers less hop-by-hop and gateway ones, then the provider's, key and body type. */
function upstreamHeaders(request: JsonExchangeRequest, target: Target): string[] {
  const raw = request.callerHeaders;
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (
      HOP_BY_HOP.has(name) ||
      name === 'content-type' ||
      name.startsWith('x-glassbox-') ||
      target.ownNames.has(name)
    )
      continue;
    out.push(raw[i]!, raw[i + 1]!);
  }
  out.push(...target.ownHeaders);
  if (request.apiKey) out.push('authorization', `Bearer ${request.apiKey}`);
  out.push('content-type', 'application/json', 'content-length', String(request.body.length));
  return out;
}

/** The dispatcher's callbacks for one exchange; settles once, whatever comes after. */
class Exchange implements Dispatcher.DispatchHandlers {
  private status: number | null = null;
  private headers: string[] = [];
  private readonly chunks: Buffer[] = [];
  private abortRequest: ((reason?: Error) => void) | null = null;
  private settled = false;
  private timedOut = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly settle: (result: UpstreamAnswer | UpstreamBreak) => void,
    private readonly deadlineMs: number,
  ) {
    this.timer = setTimeout(expire, deadlineMs, this);
  }

  onConnect(abort: (reason?: Error) => void): void {
    this.abortRequest = abort;
    if (this.timedOut) abort(this.deadlineError());
  }

  onHeaders(status: number, raw: Buffer[]): boolean {
    // 1xx informational answers come before the real one.
    if (status < 200) return true;
    this.status = status;
    const headers = new Array<string>(raw.length);
    for (let i = 0; i < raw.length; i += 2) {
      headers[i] = raw[i]!.toString('latin1').toLowerCase();
      headers[i + 1] = raw[i + 1]!.toString('latin1');
    }
    this.headers = headers;
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    const { chunks } = this;
    this.settle({
      ok: true,
      status: this.status ?? 502,
      headers: this.headers,
      body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
    });
  }

  onError(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    this.settle({ ok: false, error, timedOut: false, status: this.status });
  }

  /** The deadline passed: the caller hears it at once, the connection is torn down. */
  expire(): void {
    if (this.settled) return;
    this.timedOut = true;
    this.settled = true;
    const error = this.deadlineError();
    this.settle({ ok: false, error, timedOut: true, status: this.status });
    this.abortRequest?.(error);
  }

  private deadlineError(): Error {
    return Object.assign(new Error(`no answer within ${this.deadlineMs} ms`), {
      name: 'AbortError',
      code: 'ABORT_ERR',
    });
  }
}

function expire(exchange: Exchange): void {
  exchange.expire();
}

interface Target {
  pool: Pool;
  origin: string;
  basePath: string;
  /** The provider's own headers, flat, and their names lower-cased (they replace the caller's). */
  ownHeaders: string[];
  ownNames: Set<string>;
}

const pools = new Map<string, Pool>();
const targets = new WeakMap<ProviderConfig, Target>();

/** Where a provider's requests go; its origin's keep-alive pool is shared and made on first use. */
function targetOf(provider: ProviderConfig): Target {
  let target = targets.get(provider);
  if (!target) {
    const url = new URL(provider.baseUrl);
    let pool = pools.get(url.origin);
    if (!pool) pools.set(url.origin, (pool = new Pool(url.origin, { connections: 256 })));
    target = {
      pool,
      origin: url.origin,
      basePath: url.pathname.replace(/\/+$/, ''),
      ownHeaders: Object.entries(provider.headers).flat(),
      ownNames: new Set(Object.keys(provider.headers).map((name) => name.toLowerCase())),
    };
    targets.set(provider, target);
  }
  return target;
}
/** A flat header list as the object `IncomingMessage.headers` would be (repeats joined into arrays). */
export function headerObject(flat: readonly string[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (let i = 0; i < flat.length; i += 2) {
    const name = flat[i]!;
    const value = flat[i + 1]!;
    const seen = out[name];
    out[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}
