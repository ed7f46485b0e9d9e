import type { Scenario } from '../scenario.js';
import { BOOKING_MIX } from '../traffic-mixes.js';

/** Booking timeout after success causes duplicate bookings. */
export const duplicateBookings: Scenario = {
  name: 'duplicate-bookings',
  title: 'Booking timeout after success causes duplicate bookings',
  description:
    'The booking backend slows down: it books, then answers after the client timeout; the agent retries without an idempotency key and books twice.',
  failingLayer: 'tools',
  rootCause:
    'book_repair answers after the 150 ms client timeout although the booking succeeded; the agent retries without an idempotency key',
  affectedSegment: 'booking requests (tool book_repair)',
  segmentKeys: { tool: 'book_repair' },
  expectedCategories: ['duplicate_side_effect', 'timeout'],
  detectionSignal: 'book_repair executions per booking request; tool timeout rate',
  questionsVia: 'bot',
  healthy: {
    minutes: 60,
    mix: BOOKING_MIX,
  },
  incident: {
    minutes: 60,
    mix: BOOKING_MIX,
  },
  setup: ({ apps }) => {
    // Short: the demo and tests wait these timeouts in real time; healthy calls answer at once.
    apps.agent.settings.toolTimeoutMs = 150;
  },
  onset: ({ sim }) => {
    sim.setConfig({
      rules: [
        {
          name: 'slow-booking-backend',
          match: { route: 'tools', tool: 'book_repair' },
          behavior: { lateResponse: { rate: 1, delayMs: 250 } },
        },
      ],
    });
    return ['booking backend: responses delayed 250 ms after the booking is written'];
  },
};
