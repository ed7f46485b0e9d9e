import type { ArtifactEvent } from './registry-records.js';
import { describe, expect, it } from 'vitest';
import { rollbackTarget } from './rollback-target.js';

const move = (seq: number, label: string, from: number | undefined, to: number): ArtifactEvent => ({
  seq,
  kind: 'prompt',
  name: 'support',
  actor: 'ada',
  reason: 'r',
  atMs: seq,
  type: 'label_moved',
  label,
  ...(from !== undefined ? { from } : {}),
  to,
});
const versions = [1, 2, 3, 4].map((version) => ({ version }));

describe('rollbackTarget', () => {
  it('goes back to where the label pointed before its latest move', () => {
    const history = [
      move(3, 'production', 1, 4),
      move(2, 'staging', 2, 3),
      move(1, 'production', undefined, 1),
    ];
    expect(rollbackTarget('production', 4, history, versions)).toBe(1);
  });

  it('skips a revoked previous version and takes the newest older unrevoked one', () => {
    const history = [move(2, 'production', 3, 4)];
    const revoked = versions.map((v) => (v.version === 3 ? { ...v, revokedAtMs: 9 } : v));
    expect(rollbackTarget('production', 4, history, revoked)).toBe(2);
  });

  it('has no target for a first version with no history', () => {
    expect(rollbackTarget('production', 1, [], versions)).toBeUndefined();
  });
});
