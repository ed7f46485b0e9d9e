import type { Scenario } from '../scenario.js';
import { FAQ } from '../traffic-mixes.js';

/** Sampling parameter changed in config. */
export const samplingChange: Scenario = {
  name: 'sampling-change',
  title: 'Sampling parameter changed in config',
  description:
    'A config edit raises the temperature from 0.2 to 1.3 without review; answers wander from the sources.',
  failingLayer: 'generation',
  rootCause: 'runtime config set temperature 1.3; the reviewed prompt version expects 0.2',
  affectedSegment: 'all support-bot questions',
  segmentKeys: {},
  expectedCategories: ['sampling_parameters_mismatch', 'ungrounded_answer'],
  detectionSignal: 'request temperature vs the version snapshot; ungrounded answer rate',
  questionsVia: 'bot',
  healthy: { minutes: 90, mix: FAQ },
  incident: { minutes: 90, mix: FAQ },
  onset: ({ apps, sim }) => {
    apps.bot.settings = { ...apps.bot.settings, temperature: 1.3 };
    sim.setConfig({
      rules: [
        {
          name: 'high-temperature-sampling',
          // Hot sampling, not the model, makes answers wander: a replay at 0.2 clears.
          match: { model: 'gpt-4o-mini', route: 'chat', temperatureAbove: 1 },
          behavior: { hallucinationRate: 0.6 },
        },
      ],
    });
    return ['runtime config: temperature 0.2 -> 1.3'];
  },
};
