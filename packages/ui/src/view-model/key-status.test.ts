import { describe, expect, it } from 'vitest';
import { graceSeconds, keyStatus } from './key-status.js';

describe('keyStatus', () => {
  const now = 1_000_000;
  it('is active without revocation or expiry, or before them', () => {
    expect(keyStatus({ expiresAtMs: null, revokedAtMs: null }, now)).toBe('active');
    expect(keyStatus({ expiresAtMs: now + 1, revokedAtMs: null }, now)).toBe('active');
  });
  it('is revoked once revoked, even when it has also expired', () => {
    expect(keyStatus({ expiresAtMs: now - 5, revokedAtMs: now - 1 }, now)).toBe('revoked');
  });
  it('is expired after its expiry (a rotated key after its grace)', () => {
    expect(keyStatus({ expiresAtMs: now, revokedAtMs: null }, now)).toBe('expired');
  });
});

describe('graceSeconds', () => {
  it('turns hours into seconds', () => {
    expect(graceSeconds('24')).toBe(86_400);
    expect(graceSeconds('0.5')).toBe(1_800);
    expect(graceSeconds('0')).toBe(0);
  });
  it('refuses empty, negative, non-numeric and beyond 30 days', () => {
    for (const bad of ['', ' ', '-1', 'soon', '721']) expect(graceSeconds(bad)).toBeUndefined();
  });
});
