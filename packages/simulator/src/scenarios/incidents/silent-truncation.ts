import type { Scenario } from '../scenario.js';
import { FAQ } from '../traffic-mixes.js';
import type { CorpusDocument } from '../../apps/load-corpus.js';

/** A long document: the full terms of service, assembled from every article (about 3k tokens). */
function termsOfService(corpus: readonly CorpusDocument[]): CorpusDocument {
  return {
    id: 'terms-of-service',
    title: 'Brightpath terms of service (full text)',
    section: 'legal',
    updatedAt: '2024-06-10',
    body: corpus.map((d) => `${d.title}. ${d.body}`).join(' '),
  };
}

/** Long documents silently truncate the system prompt. */
export const silentTruncation: Scenario = {
  name: 'silent-truncation',
  title: 'Long documents silently truncate the system prompt',
  description:
    "A full terms-of-service document is imported unchunked; prompts outgrow the local model's 2048-token window and the runtime silently drops the system prompt with the sources.",
  failingLayer: 'input',
  rootCause:
    'terms-of-service imported as one 3k-token chunk; the local model runtime (2048-token context) drops the start of the prompt without an error',
  affectedSegment:
    'support-bot questions whose retrieval includes terms-of-service (model sim-small)',
  segmentKeys: {},
  expectedCategories: ['silent_truncation_suspected'],
  detectionSignal: 'reported input tokens / sent tokens; citation rate',
  questionsVia: 'bot',
  healthy: { minutes: 90, mix: FAQ },
  incident: { minutes: 90, mix: FAQ },
  setup: ({ sim, apps }) => {
    sim.setConfig({
      rules: [
        {
          name: 'local-runtime-context',
          match: { model: 'sim-small' },
          behavior: { contextWindow: 2048, contextOverflow: 'truncate' },
        },
      ],
    });
    apps.bot.settings = {
      ...apps.bot.settings,
      chatModel: 'sim-small',
      pinnedModel: 'sim-small',
    };
  },
  onset: async ({ apps, clock, corpus }) => {
    await apps.bot.ingest([termsOfService(corpus)], {
      at: clock.instant(),
      chunking: { kind: 'whole' },
    });
    return ['imported terms-of-service as a single unchunked document'];
  },
};
