import type { Scenario } from '../scenario.js';
import { HANDOFF_QUERIES } from '../../traffic/query-catalog.js';

/** Two agents loop asking each other. */
export const agentPingPong: Scenario = {
  name: 'agent-ping-pong',
  title: 'Two agents loop asking each other',
  description:
    'A new booking-agent prompt asks triage to confirm the membership; triage hands straight back, and the pair loops until the turn limit.',
  failingLayer: 'tools',
  rootCause: 'booking agent prompt booking-v3 always defers to triage, which always hands back',
  affectedSegment: 'requests handled by the triage/booking hand-off',
  segmentKeys: {},
  expectedCategories: ['agent_ping_pong', 'step_limit_reached'],
  detectionSignal: 'agent turns per request; step-limit errors',
  questionsVia: 'bot',
  healthy: { minutes: 60, mix: [{ weight: 1, queries: HANDOFF_QUERIES }] },
  incident: { minutes: 60, mix: [{ weight: 1, queries: HANDOFF_QUERIES }] },
  onset: ({ apps }) => {
    apps.handoff.settings.bookingPromptVersion = 'booking-v3';
    return ['deployed booking agent prompt booking-v3'];
  },
};
