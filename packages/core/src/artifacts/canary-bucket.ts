import { ArtifactError } from './artifact-error.js';
import { sha256Bytes } from './sha256.js';

/** What a canary assigns by: each user, or each session. */
export const CANARY_UNITS = ['user', 'session'] as const;
export type CanaryUnit = (typeof CANARY_UNITS)[number];

/**
 * The point in [0, 1) a unit falls on for one artifact and salt: the first 8 bytes of
 * sha256(`${artifact}.${salt}.${unitId}`) over 2^64. Deterministic and sticky: the same unit
 * lands on the same point on every replica, and a ramp from 5 % to 25 % only adds units.
 *
 * @example canaryPoint('prompt/support', 'c1', 'user-42') // 0.7312...
 */
export function canaryPoint(artifact: string, salt: string, unitId: string): number {
  const bytes = sha256Bytes(`${artifact}.${salt}.${unitId}`);
  const view = new DataView(bytes.buffer);
  return (view.getUint32(0) * 2 ** 32 + view.getUint32(4)) / 2 ** 64;
}

/** @example checkCanaryPercent(5) */
export function checkCanaryPercent(percent: number): number {
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new ArtifactError(
      'invalid_canary',
      `canary percent must be within 0-100, got ${percent}`,
    );
  }
  return percent;
}

/**
 * Whether a unit is in the canary arm at `percent` (0-100).
 *
 * @example inCanary('prompt/support', 'c1', 'user-42', 5) // false for ~95 % of users
 */
export function inCanary(artifact: string, salt: string, unitId: string, percent: number): boolean {
  return canaryPoint(artifact, salt, unitId) < checkCanaryPercent(percent) / 100;
}
