import type { LabelledTrace } from './labelled-trace.js';
import { ragTrace } from './labelled-trace.js';
import { DAY, doc, makeSpan, T0 } from './span-factory.js';

const HOUR = 3_600_000;

/** A retrieve-rerank-answer trace: the reranker rescored the retriever's documents. */
function reranked(
  name: string,
  question: string,
  docs: ReturnType<typeof doc>[],
  rerankScores: number[],
  answer: string,
  expected: LabelledTrace['expected'],
  layer?: LabelledTrace['layer'],
): LabelledTrace {
  const base = ragTrace(name, question, docs, answer, expected, layer);
  const reranker = makeSpan({
    spanId: 'rerank',
    name: 'rerank cross-encoder',
    kind: 'reranker',
    retrievalQuery: question,
    parentSpanId: 'root',
    startMs: T0 + 140,
    durationMs: 40,
    documents: docs.map((d, i) => ({ ...d, score: rerankScores[i] ?? 0 })),
  });
  return { ...base, spans: [base.spans[0]!, base.spans[1]!, reranker, ...base.spans.slice(2)] };
}

/** Ingested by a re-sync whose HTML-to-text step dropped the spaces between words. */
const resynced = (id: string, content: string, score: number, hoursAgo: number) =>
  doc(id, content, score, { ingestedAtMs: T0 - hoursAgo * HOUR, source: 'cms/export' });

/**
 * Score scales other than cosine similarity, rerankers, abstentions, off-corpus questions and
 * data broken upstream: the cases a single relevance threshold or refusal phrase list gets wrong.
 */
export const RANKING_TRACES: LabelledTrace[] = [
  ragTrace(
    'rag hybrid search with rank-fusion scores',
    'How long do refunds take?',
    [
      doc('ref-1', 'Refunds are issued within 14 days of cancellation.', 1 / 61 + 1 / 62),
      doc('ref-2', 'Refunds go back to the original payment method.', 1 / 62 + 1 / 64),
    ],
    'Refunds are issued within 14 days of cancellation [1].',
    [],
  ),
  ragTrace(
    'rag abstention: low relevance, not a refusal',
    'Can I bring my cat in the cabin?',
    [
      doc('bag-1', 'Economy includes one checked bag of 20 kg.', 0.46),
      doc('bag-2', 'Carry-on bags may weigh up to 7 kg.', 0.41),
    ],
    "The documents don't cover pets, so I can't answer that from the provided sources.",
    ['low_relevance'],
    'retrieval',
  ),
  reranked(
    'rag reranker finds nothing relevant',
    'What does a lounge day pass cost?',
    [
      doc('lng-1', 'Lounge access is included for Gold members on long-haul flights.', 0.52),
      doc('lng-2', 'Lounges open two hours before the first departure.', 0.47),
    ],
    [0.06, 0.03],
    "I couldn't find day pass prices for the lounge.",
    ['low_relevance'],
    'retrieval',
  ),
  reranked(
    'rag reranker confirms relevance',
    'How long do refunds take?',
    [
      doc('ref-1', 'Refunds are issued within 14 days of cancellation.', 0.44),
      doc('ref-2', 'Refunds go back to the original payment method.', 0.38),
    ],
    [0.93, 0.41],
    'Refunds are issued within 14 days of cancellation [1].',
    [],
  ),
  reranked(
    'rag reranker rescues a low-scoring retriever',
    'How long do refunds take?',
    [
      doc('ref-1', 'Refunds are issued within 14 days of cancellation.', 0.22),
      doc('ref-2', 'Refunds go back to the original payment method.', 0.19),
    ],
    [0.93, 0.64],
    'Refunds are issued within 14 days of cancellation [1].',
    [],
  ),
  ragTrace(
    'rag chunks cut at the start',
    'How much is a tune-up?',
    [
      doc('rp-1', 'Repair prices. ers.'),
      doc('rp-2', 'Repair prices. tyre repair costs 15 euros plus parts. Brake adjustment is 20.'),
      doc('rp-3', 'Repair prices. A standard tune-up costs 49 euros.'),
    ],
    'A standard tune-up costs 49 euros [3].',
    ['fragmented_chunks'],
    'retrieval',
  ),
  ragTrace(
    'rag off-corpus question',
    'Do cargo trikes need a special driving licence?',
    [
      doc('hlm-1', 'Helmets are recommended for all riders and required under 16.', 0.13),
      doc('inv-1', 'Every order has a PDF invoice under Orders.', 0.09),
    ],
    "I couldn't find anything about that; let me connect you with a person.",
    ['low_relevance'],
    'input',
  ),
  ragTrace(
    'rag re-synced documents with broken text',
    'Which payment methods do you accept?',
    [
      doc('gift-1', 'Gift cards are sold in amounts of 25, 50 and 100 euros.', 0.24, {
        ingestedAtMs: T0 - 20 * DAY,
      }),
      resynced(
        'pay-1',
        'Acceptedpaymentmethods. BrightpathacceptsVisa, Mastercard,American Express, Apple Payand Google Pay.',
        0.21,
        5,
      ),
      resynced('dep-1', 'Depositholdson rentals.Arental placesadeposit holdof150 euros.', 0.12, 2),
    ],
    'We accept gift cards in amounts of 25, 50 and 100 euros [1].',
    ['low_relevance'],
    'upstream_data',
  ),
];
