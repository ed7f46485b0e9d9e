import { DetectError } from './detect-error.js';
import type { Observation } from './observation.js';

/** Segment filter: every key must match. `tool` and `tag` match any of a request's tools/tags. */
export type SegmentFilter = Readonly<Record<string, string>>;

/**
 * Whether an observation belongs to a segment.
 *
 * @example
 * matchesSegment(obs, { route: 'refund', tool: 'search' });
 */
export function matchesSegment(o: Observation, segment: SegmentFilter | undefined): boolean {
  if (!segment) return true;
  for (const key in segment) {
    const value = segment[key] as string;
    if (
      key === 'tool'
        ? !o.tools.includes(value)
        : key === 'tag'
          ? !o.tags.includes(value)
          : o.segments[key] !== value
    ) {
      return false;
    }
  }
  return true;
}

/**
 * Parses `key=value,key=value` (the API's `segment` parameter); empty text is no filter.
 *
 * @example
 * parseSegment('route=refund,meta.tenant=acme'); // { route: 'refund', 'meta.tenant': 'acme' }
 */
export function parseSegment(text: string | undefined): SegmentFilter | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const at = part.indexOf('=');
    if (at <= 0) {
      throw new DetectError(
        'invalid_segment',
        `segment part "${part}" must be key=value`,
        'segment',
      );
    }
    out[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return out;
}
