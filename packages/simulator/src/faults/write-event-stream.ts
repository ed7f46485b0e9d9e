import type { ServerResponse } from 'node:http';
import type { StreamFault } from '../config/simulator-config.js';

/** Status recorded when the client gave up before the answer was written. */
export const CLIENT_CLOSED = 499;

/**
 * Writes chat chunks as server-sent events, breaking the stream as `fault` says: `cut`
 * destroys the socket after `afterChunks` chunks (no finish, no [DONE]); `stall` stops
 * writing and holds the connection until the client leaves; `malformed` writes a chunk
 * that is not JSON; `no_done` ends after the last chunk without `data: [DONE]`.
 * Resolves with the status to record.
 */
export async function writeEventStream(
  res: ServerResponse,
  chunks: readonly unknown[],
  headers: Record<string, string>,
  interChunkMs: number,
  fault: StreamFault['kind'],
  afterChunks: number,
  wait: (ms: number) => Promise<boolean>,
): Promise<number> {
  res.writeHead(200, {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  for (const [i, chunk] of chunks.entries()) {
    if (i === afterChunks && fault !== 'none' && fault !== 'no_done') {
      // What was written must reach the client before the fault, or the fault would look
      // like a failure to connect: an SSE comment's write callback says it left.
      await new Promise<void>((resolve) => res.write(': flush\n\n', () => resolve()));
      await wait(20);
      if (fault === 'cut') {
        res.socket?.destroy();
        return CLIENT_CLOSED;
      }
      if (fault === 'stall') {
        await wait(2 ** 31 - 1);
        return CLIENT_CLOSED;
      }
      if (fault === 'malformed')
        res.write('data: {"id":"chatcmpl-broken","choices":[{"delta":{"content":"\n\n');
    }
    if (i > 0 && !(await wait(interChunkMs))) return CLIENT_CLOSED;
    res.write(`data: ${JSON.stringify(chunk)}\n\n`);
  }
  if (fault === 'no_done') {
    res.end();
    return 200;
  }
  res.end('data: [DONE]\n\n');
  return 200;
}
