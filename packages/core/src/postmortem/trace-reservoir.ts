import { contentHash } from '../evals/dataset-item.js';
import { createRng, type Rng } from '../stats/prng.js';
import type { TraceRow } from './postmortem-evidence.js';

/** How a window's traces were read: all of them, or a uniform sample of `read` out of `total`. */
export interface TraceSampling {
  read: number;
  total: number;
}

/**
 * A uniform sample of at most `capacity` traces from a stream read oldest first (reservoir
 * sampling, Vitter's algorithm R), seeded so the same window gives the same sample. Every
 * trace of the stream has the same chance to be kept, so busy hours keep their weight and
 * the sample spans the whole window instead of its oldest part.
 *
 * @example
 * const reservoir = new TraceReservoir(200_000, 'incident-42');
 * for (const page of pages) reservoir.offer(page);
 * reservoir.rows(); // oldest first
 */
export class TraceReservoir {
  private readonly kept: TraceRow[] = [];
  private readonly rng: Rng;
  private seen = 0;

  constructor(
    private readonly capacity: number,
    seed: string,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity must be a positive whole number, got ${capacity}`);
    this.rng = createRng(Number.parseInt(contentHash(seed), 16));
  }

  offer(rows: readonly TraceRow[]): void {
    for (const row of rows) {
      if (this.kept.length < this.capacity) this.kept.push(row);
      else {
        const slot = this.rng.int(this.seen + 1);
        if (slot < this.capacity) this.kept[slot] = row;
      }
      this.seen++;
    }
  }

  /** The kept traces, oldest first (ties by id), as the rest of the postmortem reads them. */
  rows(): TraceRow[] {
    return [...this.kept].sort((a, b) => a.startMs - b.startMs || (a.traceId < b.traceId ? -1 : 1));
  }

  get sampling(): TraceSampling {
    return { read: this.kept.length, total: this.seen };
  }
}
