import type { ArtifactEvent, ArtifactEventPage } from '@glassbox/core/artifacts';
import { EventStreamUnsupported, openEventStream, type SseEvent } from './event-source.js';
import type { RegistryHttpOptions } from './registry-http.js';
import { unrefRequestJson } from './unref-request.js';

export interface LabelStreamOptions extends RegistryHttpOptions {
  /** How long the server holds each poll open; the push stream counts as dead after this much silence (plus timeoutMs). */
  waitMs: number;
  /** Pause before reconnecting after a failure; doubles up to 30 s. */
  retryMs: number;
  /** Try the Server-Sent Events stream first (default true); false goes straight to the long poll. */
  push?: boolean;
  onEvents(events: ArtifactEvent[]): void;
  /** Connected (true) or lost (false); while lost, the cache falls back to its staleness bound. */
  onHealth(connected: boolean, error?: unknown): void;
}

/** Push attempts that never reach `ready` (a buffering proxy, say) before falling back to the long poll. */
const PUSH_ATTEMPTS = 3;

/**
 * The client side of the label-move stream: Server-Sent Events from
 * `/api/artifact-events/stream`, resumed with Last-Event-ID after a drop; when the server or a
 * proxy does not deliver an event stream, the long poll on `/api/artifact-events`. Every label
 * move and revocation goes to `onEvents`; `onHealth` says whether it is connected. Its sockets
 * and timers never keep the process alive; `stop` ends it.
 *
 * @example
 * const stream = new LabelStream({ endpoint, timeoutMs: 2000, waitMs: 25_000, retryMs: 500, onEvents, onHealth });
 * stream.start();
 */
export class LabelStream {
  private lastSeq: number | undefined;
  private stopped = false;
  private readonly abort = new AbortController();
  private retryMs: number;
  private mode: 'push' | 'poll';
  private pushFailures = 0;

  constructor(private readonly options: LabelStreamOptions) {
    this.retryMs = options.retryMs;
    this.mode = options.push === false ? 'poll' : 'push';
  }

  /** Which transport the stream uses now. */
  get transport(): 'push' | 'poll' {
    return this.mode;
  }

  start(): void {
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
    this.abort.abort();
  }

  private get headers(): Record<string, string> {
    const { apiKey } = this.options;
    return apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` };
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        if (this.mode === 'push') await this.push();
        else await this.poll();
      } catch (error) {
        if (this.stopped) return;
        if (this.mode === 'push' && error instanceof EventStreamUnsupported) {
          this.mode = 'poll';
          this.lastSeq = undefined;
          continue;
        }
        // The cache is untrusted until the stream is back. A push reconnection resumes after the
        // last event (Last-Event-ID); a long poll starts from scratch.
        if (this.mode === 'poll') this.lastSeq = undefined;
        this.options.onHealth(false, error);
        await this.sleep(this.retryMs);
        this.retryMs = Math.min(this.retryMs * 2, 30_000);
      }
    }
  }

  /** One push connection, until the server ends it; resumes after the last event seen. */
  private async push(): Promise<void> {
    const { options } = this;
    const connection = new AbortController();
    const stop = () => connection.abort();
    this.abort.signal.addEventListener('abort', stop, { once: true });
    let ready = false;
    // A proxy that buffers the stream never delivers `ready`: give up on push after a few tries.
    // The wait is as long as the stream's silence bound, so a slow server is not mistaken for one.
    let readyTimedOut = false;
    const readyTimer = setTimeout(() => {
      readyTimedOut = true;
      connection.abort();
    }, options.waitMs + options.timeoutMs);
    readyTimer.unref?.();
    const headers =
      this.lastSeq === undefined
        ? this.headers
        : { ...this.headers, 'last-event-id': String(this.lastSeq) };
    const onEvent = (event: SseEvent) => {
      if (this.stopped) return;
      if (event.event === 'ready') {
        clearTimeout(readyTimer);
        ready = true;
        this.pushFailures = 0;
        this.retryMs = options.retryMs;
        this.lastSeq = Number(event.id ?? this.lastSeq ?? 0);
        options.onHealth(true);
      } else if (event.event === 'artifact') {
        const parsed = JSON.parse(event.data) as ArtifactEvent;
        this.lastSeq = parsed.seq;
        options.onEvents([parsed]);
      }
    };
    try {
      await openEventStream(
        `${options.endpoint}/api/artifact-events/stream`,
        headers,
        options.waitMs + options.timeoutMs,
        connection.signal,
        onEvent,
      );
    } catch (error) {
      if (!ready && !this.stopped && readyTimedOut) {
        this.pushFailures += 1;
        if (this.pushFailures >= PUSH_ATTEMPTS) {
          throw new EventStreamUnsupported('the event stream never became ready');
        }
      }
      throw error;
    } finally {
      clearTimeout(readyTimer);
      this.abort.signal.removeEventListener('abort', stop);
    }
    if (!this.stopped) throw new Error('the server ended the event stream');
  }

  private async poll(): Promise<void> {
    const { options } = this;
    const query =
      this.lastSeq === undefined ? '' : `?after=${this.lastSeq}&waitMs=${options.waitMs}`;
    const page = await unrefRequestJson<ArtifactEventPage>(
      'GET',
      `${options.endpoint}/api/artifact-events${query}`,
      this.headers,
      undefined,
      options.waitMs + options.timeoutMs,
      this.abort.signal,
      false,
    );
    if (this.stopped) return;
    const first = this.lastSeq === undefined;
    this.lastSeq = page.lastSeq;
    this.retryMs = options.retryMs;
    if (first) options.onHealth(true);
    if (page.items.length > 0) options.onEvents(page.items);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref?.();
      this.abort.signal.addEventListener('abort', () => resolve(), { once: true });
    });
  }
}
