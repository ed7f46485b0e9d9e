import type { ArtifactEvent } from '@glassbox/core/artifacts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import type { ArtifactEventFeed } from '../services/artifacts/artifact-event-feed.js';

/** How often an idle stream sends a comment, so proxies and clients see it is alive. */
export const SSE_KEEPALIVE_MS = 15_000;
/** Most events read from the store per write. */
const PAGE = 500;

/** One Server-Sent Event: `id`, `event` and one `data` line (JSON has no raw newlines). */
export function sseFrame(event: string, id: number, data: unknown): string {
  return `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The sequence number to resume after: Last-Event-ID wins over `?after=`; a bad header is 400. */
export function resumeAfter(
  header: string | string[] | undefined,
  after: number | undefined,
): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value === '') return after;
  if (!/^\d{1,15}$/.test(value)) {
    throw new ApiError(
      'invalid_request',
      `Last-Event-ID must be the seq of an event (a non-negative integer), got ${JSON.stringify(value.slice(0, 40))}`,
    );
  }
  return Number(value);
}

/**
 * Streams the project's audit-trail events to one client until it disconnects or the server
 * closes: `ready` first (with the seq it resumes from), then every event after it as it is
 * recorded, woken by the same feed as the long poll.
 *
 * @example await streamArtifactEvents(request, reply, feed, projectId, 41);
 */
export async function streamArtifactEvents(
  request: FastifyRequest,
  reply: FastifyReply,
  feed: ArtifactEventFeed,
  projectId: string,
  after: number | undefined,
): Promise<void> {
  // Resolve the starting point before the 200 goes out, so a store failure is still an error answer.
  const start = await feed.wait(projectId, undefined, 0, 1);
  let last = after === undefined || after > start.lastSeq ? start.lastSeq : after;
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  let open = true;
  request.raw.on('close', () => {
    open = false;
    feed.notify(projectId);
  });
  raw.write(`retry: 1000\n${sseFrame('ready', last, { lastSeq: last })}`);
  try {
    while (open && !feed.closed) {
      const page = await feed.wait(projectId, last, SSE_KEEPALIVE_MS, PAGE, () => !open);
      if (!open) break;
      if (page.items.length === 0) {
        // The store went back (a reset database): follow it rather than wait on a seq never reached.
        last = Math.min(last, page.lastSeq);
        raw.write(': keepalive\n\n');
        continue;
      }
      raw.write(page.items.map((e: ArtifactEvent) => sseFrame('artifact', e.seq, e)).join(''));
      last = page.lastSeq;
    }
  } catch (error) {
    request.log.warn({ err: error }, 'artifact event stream ended by a store failure');
  }
  raw.end();
}
