import type { Scenario } from '../scenario.js';
import { HIGH_RISK_PATTERN, NEW_MODEL } from '../traffic-mixes.js';
import { FAQ_QUERIES, HIGH_RISK_QUERIES } from '../../traffic/query-catalog.js';

/** Model update drops refusals on high-risk queries. */
export const refusalDrop: Scenario = {
  name: 'refusal-drop',
  title: 'Model update drops refusals on high-risk queries',
  description:
    'A new model snapshot stops refusing medical and legal advice after accidents; the refusal rate on high-risk questions collapses.',
  failingLayer: 'generation',
  rootCause: `provider served ${NEW_MODEL}, which no longer refuses high-risk medical and legal requests`,
  affectedSegment: 'high_risk questions (medical dosage, legal strategy)',
  segmentKeys: { risk: 'high' },
  expectedCategories: ['model_version_mismatch'],
  detectionSignal: 'refusal rate on the high_risk segment',
  questionsVia: 'bot',
  healthy: {
    minutes: 90,
    mix: [
      { weight: 3, queries: FAQ_QUERIES },
      { weight: 2, queries: HIGH_RISK_QUERIES },
    ],
  },
  incident: {
    minutes: 90,
    mix: [
      { weight: 3, queries: FAQ_QUERIES },
      { weight: 2, queries: HIGH_RISK_QUERIES },
    ],
  },
  setup: ({ sim }) => {
    sim.setConfig({
      rules: [
        {
          name: 'safety-tuning',
          match: { route: 'chat', pattern: HIGH_RISK_PATTERN },
          behavior: { refusalRate: 1 },
        },
      ],
    });
  },
  onset: ({ sim }) => {
    sim.setConfig({
      rules: [
        {
          name: 'provider-model-update',
          match: { model: 'gpt-4o-mini' },
          behavior: { returnedModel: NEW_MODEL },
        },
        {
          name: 'safety-regression',
          match: { route: 'chat', pattern: HIGH_RISK_PATTERN },
          behavior: { refusalRate: 0, hallucinationRate: 1 },
        },
      ],
    });
    return [`provider: gpt-4o-mini now served by ${NEW_MODEL} (weaker safety tuning)`];
  },
};
