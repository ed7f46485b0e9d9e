import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { defaultConfig } from './simulator-config.js';
import { applyConfigPatch, validateConfigPatch } from './validate-config.js';

describe('validateConfigPatch', () => {
  it('accepts a partial update and merges nested behaviour one level deep', () => {
    const patch = validateConfigPatch({ behavior: { rateLimit: { rate: 0.2 }, refusalRate: 0.1 } });
    const next = applyConfigPatch(defaultConfig(4), patch);
    expect(next.behavior.rateLimit).toEqual({
      rate: 0.2,
      requestsPerWindow: null,
      windowMs: 60_000,
      retryAfterSeconds: 1,
    });
    expect(next.behavior.refusalRate).toBe(0.1);
    expect(next.seed).toBe(4);
  });

  it.each([
    ['not an object', 'config', 'must be an object'],
    [{ seed: 'x' }, 'config.seed', 'must be a number'],
    [{ behavior: { latency: { medianMs: -1 } } }, 'config.behavior.latency.medianMs', 'between 0'],
    [{ models: [{ id: 'm' }] }, 'config.models[0].kind', 'is required'],
    [
      { rules: [{ match: { route: 'images' }, behavior: {} }] },
      'config.rules[0].match.route',
      "'chat'",
    ],
  ])('rejects %j naming %s', (value, field, problem) => {
    const error = (() => {
      try {
        validateConfigPatch(value);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).field).toBe(field);
    expect((error as ConfigError).message).toContain(problem);
  });
});
