import type { OtlpEvent } from '@glassbox/core';
import { mergeEvents } from './span-event-key.js';

interface Entry {
  events: OtlpEvent[];
  addedAtMs: number;
}

/**
 * Span events (from GenAI log records) whose span has not arrived yet, keyed by spanKey.
 * Bounded in count; entries older than `ttlMs` are forgotten (their span never came).
 * Held in memory: a restart loses events still waiting for their span.
 */
export class PendingSpanEvents {
  private readonly entries = new Map<string, Entry>();
  private count = 0;

  constructor(
    readonly maxEvents = 10_000,
    readonly ttlMs = 10 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.count;
  }

  hasRoomFor(events: number): boolean {
    this.expire();
    return this.count + events <= this.maxEvents;
  }

  get(key: string): readonly OtlpEvent[] | undefined {
    return this.entries.get(key)?.events;
  }

  add(key: string, events: readonly OtlpEvent[]): void {
    const entry = this.entries.get(key);
    const merged = mergeEvents(entry?.events ?? [], events);
    if (!merged) return;
    this.count += merged.length - (entry?.events.length ?? 0);
    this.entries.set(key, { events: merged, addedAtMs: entry?.addedAtMs ?? this.now() });
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.count -= entry.events.length;
    this.entries.delete(key);
  }

  private expire(): void {
    const cutoff = this.now() - this.ttlMs;
    for (const [key, entry] of this.entries) {
      if (entry.addedAtMs < cutoff) this.delete(key);
    }
  }
}
