import { describe, expect, it } from 'vitest';
import { createRng } from './prng.js';

describe('createRng (mulberry32)', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = Array.from({ length: 5 }, createRng(1).next);
    const b = Array.from({ length: 5 }, createRng(1).next);
    const c = Array.from({ length: 5 }, createRng(2).next);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
  it('resumes from a persisted state', () => {
    const r = createRng(99);
    r.next();
    const resumed = createRng(r.state);
    expect(resumed.next()).toBe(r.next());
  });
  it('is roughly uniform and normal() has mean 0, variance 1', () => {
    const r = createRng(3);
    let s = 0;
    let s2 = 0;
    let u = 0;
    let lo = 1;
    let hi = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const x = r.normal();
      s += x;
      s2 += x * x;
      const v = r.next();
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
      u += v;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.03);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.05);
    expect(Math.abs(u / n - 0.5)).toBeLessThan(0.01);
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
  });
  it('shuffles a copy into a permutation and validates int()', () => {
    const xs = [1, 2, 3, 4, 5, 6];
    const s = createRng(5).shuffle(xs);
    expect([...s].sort()).toEqual(xs);
    expect(xs).toEqual([1, 2, 3, 4, 5, 6]);
    expect(() => createRng(1).int(0)).toThrow(/positive integer/);
  });
});
