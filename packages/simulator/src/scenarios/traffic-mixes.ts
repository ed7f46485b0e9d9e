import type { MixEntry } from '../traffic/generate-traffic.js';
import {
  BOOKING_QUERIES,
  FAQ_QUERIES,
  HUMAN_REQUEST_QUERIES,
  MULTI_STEP_QUERIES,
  STATUS_QUERIES,
} from '../traffic/query-catalog.js';

/** Help-center questions only. */
export const FAQ: MixEntry[] = [{ weight: 1, queries: FAQ_QUERIES }];

/** Support traffic: about one request in ten asks for a person. */
export const SUPPORT_MIX: MixEntry[] = [
  { weight: 9, queries: FAQ_QUERIES },
  { weight: 1, queries: HUMAN_REQUEST_QUERIES },
];

/** Booking-agent traffic: bookings, status checks and multi-step requests. */
export const BOOKING_MIX: MixEntry[] = [
  { weight: 3, queries: BOOKING_QUERIES },
  { weight: 2, queries: STATUS_QUERIES },
  { weight: 1, queries: MULTI_STEP_QUERIES },
];

const UPDATED_TOPICS = new Set(['refund-policy', 'membership-plans', 'repair-prices']);

/** Questions weighted toward the topics the 2024-07 corpus update changed. */
export const UPDATED_FAQ: MixEntry[] = [
  { weight: 3, queries: FAQ_QUERIES.filter((q) => UPDATED_TOPICS.has(q.documentId ?? '')) },
  { weight: 1, queries: FAQ_QUERIES },
];

/** The snapshot a provider silently rolls its gpt-4o-mini alias to. */
export const NEW_MODEL = 'gpt-4o-mini-2024-11-20';

/** What the safety-tuned model refuses: medical dosage and legal-strategy requests. */
export const HIGH_RISK_PATTERN = 'painkiller|dosage|prescription|sue |legal strategy';
