import type { OtlpEvent } from '../model/otlp-span.js';

function eventIdentity(event: OtlpEvent): string {
  return `${event.name}\u0000${event.timeUnixNano}\u0000${JSON.stringify(event.attributes)}`;
}

/**
 * The events of `current` followed by those of `added` not already present, so a retried
 * log export does not duplicate messages. Returns undefined when nothing was new.
 *
 * @example
 * mergeEvents([a], [a, b]) // [a, b]
 */
export function mergeEvents(
  current: readonly OtlpEvent[],
  added: readonly OtlpEvent[],
): OtlpEvent[] | undefined {
  const seen = new Set(current.map(eventIdentity));
  const fresh = added.filter((event) => {
    const id = eventIdentity(event);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return fresh.length === 0 ? undefined : [...current, ...fresh];
}
