import { describe, expect, it } from 'vitest';
import { ArtifactError } from './artifact-error.js';
import { canaryPoint, inCanary } from './canary-bucket.js';

const units = Array.from({ length: 20_000 }, (_, i) => `user-${i}`);

describe('canary bucketing', () => {
  it('is deterministic and depends on artifact, salt and unit', () => {
    expect(canaryPoint('prompt/a', 's', 'u1')).toBe(canaryPoint('prompt/a', 's', 'u1'));
    expect(canaryPoint('prompt/a', 's', 'u1')).not.toBe(canaryPoint('prompt/a', 't', 'u1'));
    expect(canaryPoint('prompt/a', 's', 'u1')).not.toBe(canaryPoint('prompt/b', 's', 'u1'));
  });

  it('assigns close to the percent asked, within 3 standard errors', () => {
    for (const percent of [1, 5, 25, 50]) {
      const share =
        units.filter((u) => inCanary('prompt/a', 'salt', u, percent)).length / units.length;
      const p = percent / 100;
      expect(Math.abs(share - p)).toBeLessThan(3 * Math.sqrt((p * (1 - p)) / units.length));
    }
  });

  it('only ever adds units when the ramp goes up', () => {
    const ramp = [1, 5, 25, 100];
    for (let i = 1; i < ramp.length; i++) {
      const before = units.filter((u) => inCanary('prompt/a', 'salt', u, ramp[i - 1]!));
      expect(before.every((u) => inCanary('prompt/a', 'salt', u, ramp[i]!))).toBe(true);
    }
    expect(units.every((u) => inCanary('prompt/a', 'salt', u, 100))).toBe(true);
    expect(units.some((u) => inCanary('prompt/a', 'salt', u, 0))).toBe(false);
  });

  it('refuses a percent outside 0-100', () => {
    expect(() => inCanary('a', 's', 'u', 101)).toThrow(ArtifactError);
    expect(() => inCanary('a', 's', 'u', -1)).toThrow(
      'canary percent must be within 0-100, got -1',
    );
    expect(() => inCanary('a', 's', 'u', Number.NaN)).toThrow(ArtifactError);
  });
});
