import type { LabelledTrace } from './labelled-trace.js';
import { ragTrace } from './labelled-trace.js';
import { DAY, doc, T0 } from './span-factory.js';

const refundDocs = [
  doc(
    'pol-12',
    'Refunds are issued within 14 days of cancellation to the original payment method.',
    0.86,
  ),
  doc('pol-13', 'Cancellations made at least 48 hours before departure are free of charge.', 0.74),
  doc('pol-40', 'Non-refundable fares can be changed once for a fee of $50.', 0.61),
];
const perkDocs = [
  doc(
    'loy-1',
    'Gold members get free seat selection, one extra checked bag of 23 kg and priority boarding.',
    0.88,
  ),
  doc('loy-2', 'Gold status is earned after 25,000 miles flown in a calendar year.', 0.79),
];
const recentBatch = (id: string, content: string, score: number) =>
  doc(id, content, score, {
    ingestedAtMs: T0 - 1 * DAY,
    metadata: { ingestion_batch: 'ingest-2025-05-31' },
  });

/** Retrieve-then-answer traces: clean, ungrounded, retrieval misses, data problems. */
export const RAG_TRACES: LabelledTrace[] = [
  ragTrace(
    'rag clean refund',
    'How long do refunds take?',
    refundDocs,
    'Refunds are issued within 14 days of cancellation, to your original payment method [1].',
    [],
  ),
  ragTrace(
    'rag clean perks',
    'What perks do Gold members get?',
    perkDocs,
    'As a Gold member you get free seat selection, one extra checked bag (23 kg) and priority boarding [1]. Gold status takes 25,000 miles a year [2].',
    [],
  ),
  ragTrace(
    'rag clean doc-id citation',
    'Can I change a non-refundable fare?',
    refundDocs,
    'Yes, once, for a fee of $50 [pol-40].',
    [],
  ),
  ragTrace(
    'rag clean numbers from question',
    'I booked 3 tickets for 240 EUR, can I cancel 2 of them 72 hours before departure?',
    refundDocs,
    'Yes. Since you cancel 72 hours ahead, more than 48 hours before departure, cancelling the 2 tickets is free of charge; the refund of your 240 EUR booking share arrives within 14 days.',
    [],
  ),
  ragTrace(
    'rag clean list numbering',
    'How do I cancel?',
    refundDocs,
    'To cancel:\n1. Cancel at least 48 hours before departure.\n2. Wait for the refund.\n3. Check your original payment method within 14 days.',
    [],
  ),
  ragTrace(
    'rag clean percent and thousands',
    'What is the change fee and the mileage bonus?',
    [doc('fee-1', 'A change fee of 15% applies, and the welcome bonus is 1,200 miles.', 0.8)],
    'A 15 percent change fee applies, and you receive a 1200 mile welcome bonus.',
    [],
  ),
  ragTrace(
    'rag clean names',
    'Which cities have lounges?',
    [doc('lng-1', 'Northwind lounges are open in Lisbon and Porto, from 05:00 to 23:00.', 0.84)],
    'Northwind has lounges in Lisbon and Porto, open 05:00 to 23:00.',
    [],
  ),
  ragTrace(
    'rag clean single unknown month',
    'When did the new policy start?',
    [doc('pol-90', 'The new baggage policy applies to tickets issued from 2025-03-01.', 0.8)],
    'It applies to tickets issued from March 1, 2025.',
    [],
  ),
  ragTrace(
    'rag contradicted number',
    'How long do refunds take?',
    refundDocs,
    'Refunds are issued within 45 days of cancellation [1].',
    ['ungrounded_answer'],
    'generation',
  ),
  ragTrace(
    'rag invented perks',
    'What perks do Gold members get?',
    perkDocs,
    'Gold members enjoy the Platinum Concierge service and free access to the Heathrow Skyline Lounge, plus priority boarding.',
    ['ungrounded_answer'],
    'generation',
  ),
  ragTrace(
    'rag bad citation',
    'Can I change a non-refundable fare?',
    refundDocs,
    'Non-refundable fares can be changed once [4].',
    ['ungrounded_answer'],
    'generation',
  ),
  ragTrace(
    'rag retrieval miss',
    'What is the pet policy for cabin travel?',
    [
      doc('pol-12', 'Refunds are issued within 14 days of cancellation.', 0.62),
      doc('pol-13', 'Cancellations made 48 hours ahead are free.', 0.58),
    ],
    'Pets up to 8 kg are allowed in the cabin for a fee of $75 per flight.',
    ['ungrounded_answer'],
    'retrieval',
  ),
  ragTrace(
    'rag low relevance honest',
    'Do you fly to Reykjavik in winter?',
    [
      doc('net-2', 'Our summer network adds seasonal routes to Split and Dubrovnik.', 0.21),
      doc('net-3', 'Seasonal routes are announced each spring.', 0.17),
    ],
    "I couldn't find schedule information for that route; please check the timetable page.",
    ['low_relevance'],
    'retrieval',
  ),
  ragTrace(
    'rag low relevance invented',
    'Do you fly to Reykjavik in winter?',
    [doc('net-2', 'Our summer network adds seasonal routes to Split and Dubrovnik.', 0.21)],
    'Yes, we fly to Reykjavik 3 times a week from November to March, with fares from $129.',
    ['low_relevance', 'ungrounded_answer'],
    'retrieval',
  ),
  ragTrace(
    'rag no documents',
    'What is the unaccompanied minor fee?',
    [],
    "I don't have information about that.",
    ['no_documents'],
    'retrieval',
  ),
  ragTrace(
    'rag no documents invented',
    'What is the unaccompanied minor fee?',
    [],
    'The unaccompanied minor fee is $150 per flight.',
    ['no_documents'],
    'retrieval',
  ),
  ragTrace(
    'rag stale documents',
    'What are the baggage allowances?',
    [
      doc('bag-1', 'Economy includes one checked bag of 20 kg.', 0.83, {
        ingestedAtMs: T0 - 190 * DAY,
        metadata: { ingestion_batch: 'b-2024-11' },
      }),
      doc('bag-2', 'Carry-on bags may weigh up to 7 kg.', 0.77, {
        ingestedAtMs: T0 - 190 * DAY,
        metadata: { ingestion_batch: 'b-2024-11' },
      }),
    ],
    'Economy includes one checked bag of 20 kg, and carry-on bags may weigh up to 7 kg [1][2].',
    ['stale_documents'],
    // Old documents: the index stopped being refreshed, no recent batch to blame.
    'retrieval',
  ),
  ragTrace(
    'rag fragmented chunks',
    'How long is the refund window?',
    [
      doc(
        'ch-1',
        'Refund requests must be submitted online. The refund window for flexible fares is',
        0.81,
      ),
      doc(
        'ch-22',
        'flexible fares, and for basic fares the request must include the booking',
        0.72,
      ),
    ],
    'Refund requests must be submitted online; the exact window is not stated in what I found.',
    ['fragmented_chunks'],
    'retrieval',
  ),
  ragTrace(
    'rag fragmented citation',
    'Are pets allowed on long-haul flights?',
    [
      doc(
        'pet-1',
        'Pets are allowed in the cabin on short-haul flights only (see Section 4.2 of the',
        0.79,
      ),
      doc('pet-2', 'Service animals travel free of charge on all flights.', 0.7),
    ],
    'Pets are allowed in the cabin on short-haul flights only; service animals travel free of charge.',
    ['fragmented_chunks'],
    'retrieval',
  ),
  ragTrace(
    'rag source dominance',
    'Is there wifi on board?',
    [
      ...['f1', 'f2', 'f3', 'f4', 'f5'].map((id) =>
        doc(id, 'A traveller wrote that wifi was free on their flight.', 0.7, {
          source: 'forum/threads',
        }),
      ),
      doc('kb-wifi', 'Wifi on board is available on all A321neo aircraft.', 0.66),
    ],
    'Wifi on board is available on all A321neo aircraft.',
    ['source_dominance'],
    'retrieval',
  ),
  ragTrace(
    'rag recent bad batch',
    'What is the fee for a second checked bag?',
    [
      recentBatch('nb-1', 'Lorem ipsum placeholder text for the fare table.', 0.55),
      recentBatch('nb-2', 'Placeholder content pending migration of the fare table.', 0.52),
      // Ingested with the rest of the index months earlier: the recent batch stands apart.
      doc('seat-4', 'Seat upgrades can be bought at the gate.', 0.44, {
        ingestedAtMs: T0 - 20 * DAY,
        metadata: { ingestion_batch: 'b-2025-05-11' },
      }),
    ],
    'A second checked bag costs $60 on European routes.',
    ['ungrounded_answer'],
    'upstream_data',
  ),
  ragTrace(
    'rag fragmented recent batch',
    'How many bags can I check on business class?',
    [
      recentBatch(
        'nb-7',
        'Business class passengers may check two bags of up to 32 kg each, and the',
        0.8,
      ),
      recentBatch('nb-8', 'each, and the allowance for premium economy is two bags of', 0.76),
    ],
    'Business class passengers may check two bags of up to 32 kg each.',
    ['fragmented_chunks'],
    'upstream_data',
  ),
  ragTrace(
    'rag sampling mismatch',
    'How long do refunds take?',
    refundDocs,
    'Refunds arrive within 14 days [1].',
    ['sampling_parameters_mismatch'],
    'generation',
    {
      parameters: { temperature: 1.2 },
      versions: { model: 'gpt-4o-2024-08-06', prompt: 'support-v7', 'param.temperature': '0.2' },
    },
  ),
  ragTrace(
    'rag clean pinned snapshot',
    'How long do refunds take?',
    refundDocs,
    'Refunds arrive within 14 days [1].',
    [],
    undefined,
    {
      parameters: { temperature: 0.2 },
      versions: { model: 'gpt-4o', prompt: 'support-v7', 'param.temperature': '0.2' },
    },
  ),
  ragTrace(
    'rag model swapped',
    'How long do refunds take?',
    refundDocs,
    'Refunds arrive within 14 days [1].',
    ['model_version_mismatch'],
    'generation',
    {
      responseModel: 'gpt-4o-mini-2024-07-18',
      versions: { model: 'gpt-4o-2024-08-06' },
    },
  ),
];
