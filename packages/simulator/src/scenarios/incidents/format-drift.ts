import type { Scenario } from '../scenario.js';
import { FAQ } from '../traffic-mixes.js';
import { mangleFormat } from '../../embeddings/mangle-format.js';

/** Documents already re-synced in the new format, per running bot. */
const resynced = new WeakMap<object, number>();

/** Upstream format change slowly lowers retrieval similarity. */
export const formatDrift: Scenario = {
  name: 'format-drift',
  title: 'Upstream format change slowly lowers retrieval similarity',
  description:
    'The CMS export changes its HTML-to-text step and words run together; as documents re-sync over six hours, retrieval scores sink and the router escalates more.',
  failingLayer: 'upstream_data',
  rootCause:
    'CMS export v5 drops whitespace between words; re-synced documents no longer match queries',
  affectedSegment: 'all questions, growing as documents re-sync',
  segmentKeys: {},
  expectedCategories: ['low_relevance'],
  detectionSignal: 'top retrieval score (EWMA), slowly decreasing',
  questionsVia: 'router',
  healthy: { minutes: 120, mix: FAQ },
  incident: { minutes: 360, mix: FAQ },
  onset: () => ['CMS export v5 deployed: documents re-sync in batches over the next hours'],
  during: async ({ apps, clock, corpus }, progress) => {
    const due = Math.round(progress * corpus.length);
    const synced = resynced.get(apps.bot) ?? 0;
    if (due <= synced) return;
    await apps.bot.ingest(corpus.slice(synced, due), {
      at: clock.instant(),
      chunking: { kind: 'sentences', maxChars: 400 },
      transform: (text) => mangleFormat(text, 'whitespace'),
    });
    resynced.set(apps.bot, due);
  },
};
