import type { Scenario } from '../scenario.js';
import { FAQ } from '../traffic-mixes.js';

/** Cost spike from a verbose, expensive model. */
export const costSpike: Scenario = {
  name: 'cost-spike',
  title: 'Cost spike from a verbose, expensive model',
  description:
    'A config change points the bot at the large model, whose answers are also much longer; cost per request jumps more than tenfold.',
  // Cost is the symptom; the cause is a model other than the reviewed version pins.
  failingLayer: 'generation',
  rootCause:
    'config deploy switched chatModel from gpt-4o-mini to gpt-4o (16x price, 4x longer answers)',
  affectedSegment: 'all support-bot questions',
  segmentKeys: {},
  expectedCategories: ['model_version_mismatch'],
  detectionSignal: 'cost per trace and output tokens per answer',
  questionsVia: 'bot',
  // Cost per request is a value chart: 100 baseline blocks of 25 requests (VALUE_CHART_DEFAULTS).
  healthyRequestsToArm: 2_600,
  healthy: { minutes: 120, mix: FAQ },
  incident: { minutes: 120, mix: FAQ },
  setup: ({ sim }) => {
    sim.setConfig({
      rules: [
        { name: 'large-model-style', match: { model: 'gpt-4o' }, behavior: { verbosity: 4 } },
      ],
    });
  },
  onset: ({ apps }) => {
    apps.bot.settings = { ...apps.bot.settings, chatModel: 'gpt-4o', maxTokens: 1200 };
    return ['bot config: chatModel gpt-4o-mini -> gpt-4o, max_tokens 300 -> 1200'];
  },
};
