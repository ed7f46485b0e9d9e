import type { Scenario } from '../scenario.js';
import { FAQ } from '../traffic-mixes.js';

/** Bad chunking splits citations and the bot invents them. */
export const badChunking: Scenario = {
  name: 'bad-chunking',
  title: 'Bad chunking splits citations and the bot invents them',
  description:
    'A re-index with a fixed 90-character chunker cuts sentences and citations in half; the model fills the gaps with invented facts and sources.',
  // A recent re-index with a broken chunker: the data pipeline, not the retriever, changed.
  failingLayer: 'upstream_data',
  rootCause: 'index v2 built with a fixed 90-character chunker that cuts sentences mid-way',
  affectedSegment: 'all support-bot questions (index version v2-fixed-90)',
  segmentKeys: {},
  expectedCategories: ['fragmented_chunks', 'ungrounded_answer'],
  detectionSignal: 'share of retrievals with cut chunks; ungrounded answer rate',
  questionsVia: 'bot',
  healthy: { minutes: 90, mix: FAQ },
  incident: { minutes: 90, mix: FAQ },
  setup: ({ sim }) => {
    sim.setConfig({
      rules: [
        {
          name: 'fragmented-context-confabulation',
          match: { route: 'chat', pattern: '#\\d+\\] [^\\n]*[a-z,]\\s*(\\n|$)' },
          behavior: { hallucinationRate: 0.85 },
        },
      ],
    });
  },
  onset: async ({ apps, clock, corpus }) => {
    apps.bot.index.version = 'v2-fixed-90';
    await apps.bot.ingest(corpus, { at: clock.instant(), chunking: { kind: 'fixed', size: 90 } });
    return ['re-indexed the help center as v2-fixed-90 (fixed 90-character chunks)'];
  },
};
