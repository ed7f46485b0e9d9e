import { describe, expect, it } from 'vitest';
import { SpanBatch } from './span-batch.js';

describe('SpanBatch', () => {
  it('joins the spans with commas between the envelope halves', () => {
    const batch = new SpanBatch();
    batch.add('{"a":1}');
    batch.add('{"b":"ü → 🙂"}');
    const body = batch.payload(Buffer.from('{"spans":['), Buffer.from(']}'));
    expect(JSON.parse(body.toString('utf8'))).toEqual({ spans: [{ a: 1 }, { b: 'ü → 🙂' }] });
    expect(batch.count).toBe(2);
  });

  it('keeps every span whole across its buffer chunks, however large', () => {
    const batch = new SpanBatch();
    const spans = Array.from({ length: 300 }, (_, i) =>
      JSON.stringify({ i, text: 'é'.repeat(i % 7 === 0 ? 40_000 : 500) }),
    );
    for (const span of spans) batch.add(span);
    const body = batch.payload(Buffer.from('['), Buffer.from(']'));
    expect(body.toString('utf8')).toBe(`[${spans.join(',')}]`);
  });

  it('is an empty list before the first span', () => {
    const body = new SpanBatch().payload(Buffer.from('['), Buffer.from(']'));
    expect(body.toString()).toBe('[]');
  });
});
