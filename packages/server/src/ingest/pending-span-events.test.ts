import { describe, expect, it } from 'vitest';
import { PendingSpanEvents } from './pending-span-events.js';

const event = (name: string, time = '1') => ({ name, timeUnixNano: time, attributes: {} });

describe('PendingSpanEvents', () => {
  it('merges events per span without duplicates and counts them', () => {
    const pending = new PendingSpanEvents(10);
    pending.add('p/t/s', [event('a'), event('b')]);
    pending.add('p/t/s', [event('b'), event('c')]);
    expect(pending.get('p/t/s')?.map((e) => e.name)).toEqual(['a', 'b', 'c']);
    expect(pending.size).toBe(3);
    pending.delete('p/t/s');
    expect(pending.size).toBe(0);
    expect(pending.get('p/t/s')).toBeUndefined();
  });

  it('is bounded, and forgets events whose span never came after the TTL', () => {
    let now = 0;
    const pending = new PendingSpanEvents(3, 1000, () => now);
    pending.add('p/t/a', [event('a'), event('b')]);
    expect(pending.hasRoomFor(1)).toBe(true);
    expect(pending.hasRoomFor(2)).toBe(false);
    now = 1001;
    expect(pending.hasRoomFor(3)).toBe(true);
    expect(pending.get('p/t/a')).toBeUndefined();
  });
});
