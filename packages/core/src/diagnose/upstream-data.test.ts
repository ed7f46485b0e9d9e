import { describe, expect, it } from 'vitest';
import { findFailures } from '../classify/classify-trace.js';
import { DAY, doc, llmSpan, retrieverSpan, rootSpan, T0 } from '../../test/corpus/span-factory.js';
import type { RetrievedDocument } from '../model/span.js';
import { upstreamEvidence } from './upstream-data.js';

const O = { batchWindowMs: 3_600_000, recentIngestionDays: 7 };
const HOUR = 3_600_000;
const at = (ms: number, batch?: string): Partial<RetrievedDocument> => ({
  ingestedAtMs: ms,
  ...(batch ? { metadata: { ingestion_batch: batch } } : {}),
});

function evidence(docs: RetrievedDocument[], question = 'Which payment methods do you accept?') {
  const spans = [
    rootSpan(question, 'answer'),
    retrieverSpan('r', question, docs),
    llmSpan('l', question, 'I could not find that in the documents.'),
  ];
  return upstreamEvidence(spans, findFailures(spans), true, O);
}

describe('upstreamEvidence', () => {
  it('implicates a recent batch that stands apart from the older documents', () => {
    const e = evidence([
      doc('a', 'Gift cards are sold in amounts of 25 and 50 euros.', 0.2, at(T0 - 20 * DAY, 'b1')),
      doc('b', 'Deposit holds are released after the ride.', 0.19, at(T0 - HOUR, 'b2')),
      doc('c', 'Refunds arrive within 5 business days.', 0.18, at(T0 - HOUR, 'b2')),
    ]);
    expect(e.implicated).toBe(true);
    expect(e.for[0]).toMatch(/^2 of 3 retrieved documents share ingestion batch b2, 0.0 days/);
  });

  it('does not implicate a batch holding the whole retrieved set (the index was built at once)', () => {
    const e = evidence([
      doc('a', 'Gift cards are sold in amounts of 25 and 50 euros.', 0.2, at(T0 - HOUR, 'b1')),
      doc('b', 'Deposit holds are released after the ride.', 0.19, at(T0 - HOUR, 'b1')),
    ]);
    expect(e).toMatchObject({ implicated: false });
  });

  it('does not implicate steady ingestion without a gap', () => {
    const e = evidence(
      [0, 1, 2, 3].map((i) =>
        doc(
          `d${i}`,
          'Gift cards are sold in amounts of 25 and 50 euros.',
          0.2,
          at(T0 - i * 2 * HOUR),
        ),
      ),
    );
    expect(e.implicated).toBe(false);
  });

  it('implicates a re-sync that produces broken text, ingested over several hours', () => {
    const e = evidence([
      doc(
        'a',
        'Gift cards. Gift cards are sold in amounts of 25 and 50 euros.',
        0.25,
        at(T0 - 9 * HOUR),
      ),
      doc(
        'b',
        'Acceptedpaymentmethods. BrightpathacceptsVisa, Mastercard,American Express.',
        0.2,
        at(T0 - 5 * HOUR),
      ),
      doc(
        'c',
        'Depositholdson rentals.Arental placesadeposit holdof150 euros.',
        0.15,
        at(T0 - 2 * HOUR),
      ),
    ]);
    expect(e.implicated).toBe(true);
    expect(e.for.join(' ')).toMatch(/2 of 3 retrieved documents look broken .*words run together/);
    const one = evidence([
      doc(
        'a',
        'Gift cards. Gift cards are sold in amounts of 25 and 50 euros.',
        0.25,
        at(T0 - 9 * HOUR),
      ),
      doc(
        'b',
        'Acceptedpaymentmethods. BrightpathacceptsVisa, Mastercard,American Express.',
        0.2,
        at(T0 - 5 * HOUR),
      ),
    ]);
    expect(one.for.join(' ')).toMatch(/1 of 2 retrieved documents looks broken/);
  });

  it('does not blame broken text when well-formed documents were ingested after it', () => {
    const e = evidence([
      doc(
        'a',
        'Gift cards. Gift cards are sold in amounts of 25 and 50 euros.',
        0.25,
        at(T0 - HOUR),
      ),
      doc(
        'b',
        'Acceptedpaymentmethods. BrightpathacceptsVisa, Mastercard,American Express.',
        0.2,
        at(T0 - 5 * HOUR),
      ),
      doc(
        'c',
        'Depositholdson rentals.Arental placesadeposit holdof150 euros.',
        0.15,
        at(T0 - 5 * HOUR),
      ),
    ]);
    expect(e.implicated).toBe(false);
  });

  it('blames no batch for stale documents, only a recent one for cut chunks', () => {
    const cut = (id: string, ms: number) =>
      doc(
        id,
        'Business class passengers may check two bags of up to 32 kg each, and the',
        0.8,
        at(ms, 'x'),
      );
    expect(evidence([cut('a', T0 - 90 * DAY), cut('b', T0 - 90 * DAY)]).implicated).toBe(false);
    const recent = evidence([cut('a', T0 - DAY), cut('b', T0 - DAY)]);
    expect(recent.implicated).toBe(true);
    expect(recent.for[0]).toMatch(/documents with fragmented_chunks share ingestion batch x/);
  });

  it('needs a retrieval failure before it looks at batches without defects', () => {
    const docs = [
      doc('a', 'Gift cards are sold in amounts of 25 and 50 euros.', 0.9, at(T0 - 20 * DAY, 'b1')),
      doc('b', 'Deposit holds are released after the ride.', 0.8, at(T0 - HOUR, 'b2')),
      doc('c', 'Refunds arrive within 5 business days.', 0.8, at(T0 - HOUR, 'b2')),
    ];
    const spans = [rootSpan('q', 'a'), retrieverSpan('r', 'q', docs)];
    expect(upstreamEvidence(spans, [], false, O).implicated).toBe(false);
  });
});
