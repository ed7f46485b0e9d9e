import type { Scenario } from '../scenario.js';
import { UPDATED_FAQ } from '../traffic-mixes.js';
import { applyCorpusUpdate, loadCorpus } from '../../apps/load-corpus.js';

/** Stale index after a corpus update. */
export const staleIndex: Scenario = {
  name: 'stale-index',
  title: 'Stale index after a corpus update',
  description:
    'New refund and price policies are published, but the nightly index rebuild has been failing since; weeks later the bot still quotes the old policy.',
  failingLayer: 'retrieval',
  rootCause:
    'index rebuild job failing since the 2024-07 policy update; the index still holds the May documents',
  affectedSegment: 'questions about refunds, membership prices and repair prices',
  segmentKeys: {},
  expectedCategories: ['stale_documents'],
  detectionSignal: 'age of retrieved documents at query time',
  questionsVia: 'bot',
  healthy: { minutes: 120, mix: UPDATED_FAQ },
  incident: { minutes: 180, mix: UPDATED_FAQ },
  incidentDelayMinutes: 35 * 24 * 60,
  onset: ({ corpus }) => {
    const updated = applyCorpusUpdate(corpus, loadCorpus('help-center-update'));
    const changed = updated.filter((d, i) => d !== corpus[i]).map((d) => d.id);
    return [
      `published corpus update 2024-07 (${changed.join(', ')}); index rebuild failed and was not retried`,
    ];
  },
};
