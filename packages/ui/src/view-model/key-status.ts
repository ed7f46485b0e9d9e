/** The fields of a key record that decide whether it still works. */
export interface KeyTimes {
  expiresAtMs: number | null;
  revokedAtMs: number | null;
}

/**
 * Whether a key works at `nowMs`, in words for the keys table. A rotated key keeps working
 * until its grace ends, which the server records as its expiry.
 */
export function keyStatus(key: KeyTimes, nowMs: number): 'active' | 'revoked' | 'expired' {
  if (key.revokedAtMs !== null && key.revokedAtMs <= nowMs) return 'revoked';
  if (key.expiresAtMs !== null && key.expiresAtMs <= nowMs) return 'expired';
  return 'active';
}

/** Grace hours typed by a person, as the seconds the rotate route takes; undefined if invalid. */
export function graceSeconds(hoursText: string): number | undefined {
  const hours = Number(hoursText.trim());
  if (hoursText.trim() === '' || !Number.isFinite(hours) || hours < 0 || hours > 720)
    return undefined;
  return Math.round(hours * 3600);
}
