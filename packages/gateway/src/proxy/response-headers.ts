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
