import type { IncomingHttpHeaders } from 'node:http';
import { HOP_BY_HOP } from '../upstream/send-upstream.js';

/**
 * The upstream's response headers the client gets: all but hop-by-hop ones and those the
 * gateway recomputes (length, encoding).
 *
 * @example res.writeHead(status, responseHeaders(upstream.headers))
 */
export function responseHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (
      value === undefined ||
      HOP_BY_HOP.has(name) ||
      name === 'content-encoding' ||
      name === 'content-type'
    )
      continue;
    out[name] = value;
  }
  return out;
}

/**
 * `responseHeaders` for a flat `[name, value, ...]` list with lower-cased names, followed by
 * the gateway's own: the list `res.writeHead` takes as is, with no header object built.
 *
 * @example res.writeHead(200, forwardedHeaders(answer.headers, ['content-length', '42']))
 */
export function forwardedHeaders(flat: readonly string[], own: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < flat.length; i += 2) {
    const name = flat[i]!;
    if (HOP_BY_HOP.has(name) || name === 'content-encoding' || name === 'content-type') continue;
    out.push(name, flat[i + 1]!);
  }
  for (let i = 0; i < own.length; i++) out.push(own[i]!);
  return out;
}
