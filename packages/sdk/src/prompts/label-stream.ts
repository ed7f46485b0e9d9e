import type { ArtifactEvent, ArtifactEventPage } from '@glassbox/core/artifacts';
import type { RegistryHttpOptions } from './registry-http.js';
import { unrefRequestJson } from './unref-request.js';

export interface LabelStreamOptions extends RegistryHttpOptions {
  /** How long the server holds each poll open. */
  waitMs: number;
  /** Pause before reconnecting after a failure; doubles up to 30 s. */
  retryMs: number;
  onEvents(events: ArtifactEvent[]): void;
  /** Connected (true) or lost (false); while lost, the cache falls back to its staleness bound. */
  onHealth(connected: boolean, error?: unknown): void;
}

/**
 * The client side of `/api/artifact-events`: a long-poll loop that hands every label move and
 * revocation to `onEvents` and reports whether it is connected. Its timers never keep the
 * process alive; `stop` ends it.
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

  constructor(private readonly options: LabelStreamOptions) {
    this.retryMs = options.retryMs;
  }

  start(): void {
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
    this.abort.abort();
  }

  private async loop(): Promise<void> {
    const { options } = this;
    while (!this.stopped) {
      try {
        const query =
          this.lastSeq === undefined ? '' : `?after=${this.lastSeq}&waitMs=${options.waitMs}`;
        const page = await unrefRequestJson<ArtifactEventPage>(
          'GET',
          `${options.endpoint}/api/artifact-events${query}`,
          options.apiKey === undefined ? {} : { authorization: `Bearer ${options.apiKey}` },
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
      } catch (error) {
        if (this.stopped) return;
        // Reconnect from scratch: the cache is untrusted until the stream is back.
        this.lastSeq = undefined;
        options.onHealth(false, error);
        await this.sleep(this.retryMs);
        this.retryMs = Math.min(this.retryMs * 2, 30_000);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref?.();
      this.abort.signal.addEventListener('abort', () => resolve(), { once: true });
    });
  }
}
