import type { TruncatedValue } from '@glassbox/core/normalize';

/** One item that could not be accepted, and why. */
export interface Rejection {
  id: string;
  reason: string;
}

/** One accepted item stored with a value cut to the attribute size limit. */
export interface Truncation extends TruncatedValue {
  id: string;
}

export interface IngestResult {
  accepted: number;
  rejected: Rejection[];
  /** Values stored truncated on accepted items (reported, never a rejection). */
  truncated: Truncation[];
}
