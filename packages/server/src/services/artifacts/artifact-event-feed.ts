import type { ArtifactEvent, ArtifactEventPage, ArtifactVersion } from '@glassbox/core/artifacts';
import type { ArtifactStore } from '@glassbox/store';

export interface ArtifactEventFeedOptions {
  /**
   * How often a waiting poll re-reads the database, to see moves made by other replicas
   * (moves made by this process wake it at once). Default 250 ms.
   */
  pollMs?: number;
}

/** Versions kept for attaching to moves: they never change, so a small recent set suffices. */
const TARGET_CACHE = 256;

/**
 * The label-move stream as a long poll: a client names the last event it saw and gets the
 * ones after it as soon as they exist, or an empty page when `waitMs` passes. Moves through
 * this process wake waiters at once; moves through other replicas are seen within `pollMs`.
 * Each `label_moved` event carries its `target` version, read once per server, so the clients
 * a move reaches update their caches without all refetching at the same moment.
 *
 * @example
 * const page = await feed.wait('default', 41, 25_000, 500); // events 42.. or none
 */
export class ArtifactEventFeed {
  private readonly waiters = new Map<string, Set<() => void>>();
  private readonly targets = new Map<string, Promise<ArtifactVersion | undefined>>();
  private isClosed = false;
  private readonly pollMs: number;

  constructor(
    private readonly store: ArtifactStore,
    options: ArtifactEventFeedOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 250;
  }

  /** Wakes the project's waiters: something was just recorded. */
  notify(projectId: string): void {
    for (const wake of this.waiters.get(projectId) ?? []) wake();
  }

  /** True once the server began shutting down. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** Wakes every waiter for good; polls answer with what they have. */
  close(): void {
    this.isClosed = true;
    for (const set of this.waiters.values()) for (const wake of set) wake();
  }

  async wait(
    projectId: string,
    after: number | undefined,
    waitMs: number,
    limit: number,
    /** Checked on every wake: true ends the wait early (the client went away). */
    abandoned: () => boolean = () => false,
  ): Promise<ArtifactEventPage> {
    if (after === undefined)
      return { items: [], lastSeq: await this.store.lastEventSeq(projectId) };
    const last = await this.store.lastEventSeq(projectId);
    // A client ahead of the store (the database was reset) resynchronizes instead of waiting.
    if (after > last) return { items: [], lastSeq: last };
    const deadline = Date.now() + waitMs;
    for (;;) {
      const items = await this.store.eventsAfter(projectId, after, limit);
      if (items.length > 0)
        return {
          items: await Promise.all(items.map((e) => this.withTarget(projectId, e))),
          lastSeq: items[items.length - 1]!.seq,
        };
      const left = deadline - Date.now();
      if (left <= 0 || this.isClosed || abandoned()) return { items: [], lastSeq: after };
      await this.sleep(projectId, Math.min(left, this.pollMs));
    }
  }

  private async withTarget(projectId: string, event: ArtifactEvent): Promise<ArtifactEvent> {
    if (event.type !== 'label_moved') return event;
    const id = JSON.stringify([projectId, event.kind, event.name, event.to]);
    let target = this.targets.get(id);
    if (!target) {
      const key = { projectId, kind: event.kind, name: event.name };
      target = this.store.getVersion(key, event.to).catch(() => {
        this.targets.delete(id);
        return undefined;
      });
      this.targets.set(id, target);
      if (this.targets.size > TARGET_CACHE) this.targets.delete(this.targets.keys().next().value!);
    }
    const version = await target;
    // Without it (a store failure) clients refetch, as they would for any other event.
    return version ? { ...event, target: version } : event;
  }

  private sleep(projectId: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const set = this.waiters.get(projectId) ?? new Set();
      this.waiters.set(projectId, set);
      const wake = () => {
        clearTimeout(timer);
        set.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      set.add(wake);
    });
  }
}
