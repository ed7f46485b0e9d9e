import type { Scenario } from '../scenario.js';
import { FAQ, NEW_MODEL } from '../traffic-mixes.js';

/** Model update changes prompt behaviour. */
export const promptDrift: Scenario = {
  name: 'prompt-drift',
  title: 'Model update changes prompt behaviour',
  description:
    'The provider silently rolls the model alias to a new snapshot; the same prompt now yields answers that drift from the sources.',
  failingLayer: 'generation',
  rootCause: `provider served ${NEW_MODEL} behind the gpt-4o-mini alias; the new snapshot ignores the "answer only from sources" instruction`,
  affectedSegment: 'all support-bot questions (model gpt-4o-mini)',
  segmentKeys: { model: 'gpt-4o-mini-2024-11-20' },
  expectedCategories: ['model_version_mismatch', 'ungrounded_answer'],
  detectionSignal: 'share of answers with ungrounded claims; response model version',
  questionsVia: 'bot',
  healthy: { minutes: 120, mix: FAQ },
  incident: { minutes: 120, mix: FAQ },
  onset: ({ sim }) => {
    sim.setConfig({
      rules: [
        {
          name: 'provider-model-update',
          match: { model: 'gpt-4o-mini', route: 'chat' },
          behavior: { returnedModel: NEW_MODEL, hallucinationRate: 0.7 },
        },
      ],
    });
    return [`provider: gpt-4o-mini now served by ${NEW_MODEL}`];
  },
};
