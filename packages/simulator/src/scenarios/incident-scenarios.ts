import { promptDrift } from './incidents/prompt-drift.js';
import { badChunking } from './incidents/bad-chunking.js';
import { staleIndex } from './incidents/stale-index.js';
import { duplicateBookings } from './incidents/duplicate-bookings.js';
import { silentTruncation } from './incidents/silent-truncation.js';
import { formatDrift } from './incidents/format-drift.js';
import { queryShift } from './incidents/query-shift.js';
import { refusalDrop } from './incidents/refusal-drop.js';
import { agentPingPong } from './incidents/agent-ping-pong.js';
import { costSpike } from './incidents/cost-spike.js';
import { samplingChange } from './incidents/sampling-change.js';
import type { Scenario } from './scenario.js';

/**
 * The incident scenarios, each reproducing a failure seen in production LLM systems, with
 * the ground truth a detector and a diagnosis should recover.
 */
export const SCENARIOS: readonly Scenario[] = [
  promptDrift,
  badChunking,
  staleIndex,
  duplicateBookings,
  silentTruncation,
  formatDrift,
  queryShift,
  refusalDrop,
  agentPingPong,
  costSpike,
  samplingChange,
];

/**
 * The scenario with this name, or a clear error listing the known ones.
 *
 * @example findScenario('duplicate-bookings').failingLayer // 'tools'
 */
export function findScenario(name: string): Scenario {
  const found = SCENARIOS.find((s) => s.name === name);
  if (!found) {
    throw new RangeError(
      `unknown scenario "${name}" (known: ${SCENARIOS.map((s) => s.name).join(', ')})`,
    );
  }
  return found;
}
