/** One `data:` payload of an OpenAI-style event stream. */
export type SseEvent =
  | { kind: 'done' }
  | { kind: 'chunk'; value: Record<string, unknown>; raw: string }
  | { kind: 'malformed'; raw: string };

/**
 * An incremental parser of `text/event-stream` bodies: feed it bytes as they come and it
 * returns the complete events; partial lines wait for the next feed. Comment and non-data
 * lines are ignored, as SSE says.
 *
 * @example const parser = new SseParser(); for (const event of parser.feed(chunk)) handle(event);
 */
export class SseParser {
  private buffer = '';
  private readonly decoder = new TextDecoder();

  feed(bytes: Uint8Array): SseEvent[] {
    this.buffer += this.decoder.decode(bytes, { stream: true });
    const events: SseEvent[] = [];
    let boundary: number;
    while ((boundary = this.nextBoundary()) !== -1) {
      const block = this.buffer.slice(0, boundary);
      this.buffer = this.buffer.slice(boundary).replace(/^(\r?\n)+/, '');
      const data = block
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      if (data === '') continue;
      if (data === '[DONE]') {
        events.push({ kind: 'done' });
        continue;
      }
      try {
        const value = JSON.parse(data) as unknown;
        if (typeof value !== 'object' || value === null || Array.isArray(value))
          events.push({ kind: 'malformed', raw: data });
        else events.push({ kind: 'chunk', value: value as Record<string, unknown>, raw: data });
      } catch {
        events.push({ kind: 'malformed', raw: data });
      }
    }
    return events;
  }

  /** Bytes received after the last complete event (a stream cut mid-event leaves some). */
  get pending(): string {
    return this.buffer;
  }

  private nextBoundary(): number {
    const lf = this.buffer.indexOf('\n\n');
    const crlf = this.buffer.indexOf('\r\n\r\n');
    if (lf === -1) return crlf;
    if (crlf === -1) return lf;
    return Math.min(lf, crlf);
  }
}
