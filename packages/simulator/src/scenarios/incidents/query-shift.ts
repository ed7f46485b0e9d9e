import type { Scenario } from '../scenario.js';
import { SUPPORT_MIX } from '../traffic-mixes.js';
import { NEW_PRODUCT_QUERIES } from '../../traffic/query-catalog.js';

/** Query-distribution shift drives escalations. */
export const queryShift: Scenario = {
  name: 'query-shift',
  title: 'Query-distribution shift drives escalations',
  description:
    'A campaign for the new Brightpath Cargo brings questions the help center does not cover; escalations to humans climb from about 10 % to nearly all requests.',
  failingLayer: 'input',
  rootCause: 'Cargo launch campaign: customers ask about a product with no help-center articles',
  affectedSegment: 'new_product questions (Brightpath Cargo)',
  segmentKeys: { 'meta.segment': 'new_product' },
  expectedCategories: ['low_relevance'],
  detectionSignal: 'escalation share (glassbox.metadata.route = human)',
  questionsVia: 'router',
  healthy: { minutes: 120, mix: SUPPORT_MIX },
  incident: {
    minutes: 120,
    mix: SUPPORT_MIX,
    shift: { to: [{ weight: 1, queries: NEW_PRODUCT_QUERIES }], finalShare: 1 },
  },
  onset: () => ['marketing campaign for Brightpath Cargo went live'],
};
