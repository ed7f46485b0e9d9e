import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/simulator-config.js';
import { validateConfigPatch } from '../config/validate-config.js';
import { ConfigError } from '../config/config-error.js';
import { resolveBehavior } from './resolve-behavior.js';

describe('rules matching the sampling temperature', () => {
  const config = {
    ...defaultConfig(),
    rules: [
      {
        name: 'hot',
        match: { route: 'chat' as const, temperatureAbove: 1 },
        behavior: { hallucinationRate: 0.6 },
      },
    ],
  };
  const facts = (temperature?: number) => ({
    route: 'chat' as const,
    model: 'gpt-4o-mini',
    text: 'q',
    tool: null,
    ...(temperature === undefined ? {} : { temperature }),
  });

  it('applies only above the threshold, so a replay at the old temperature escapes it', () => {
    expect(resolveBehavior(config, facts(1.3)).rules).toEqual(['hot']);
    expect(resolveBehavior(config, facts(0.2)).rules).toEqual([]);
    expect(resolveBehavior(config, facts(1)).rules).toEqual([]);
  });

  it('counts a request without temperature as the API default, 1', () => {
    const warm = { ...config, rules: [{ ...config.rules[0]!, match: { temperatureAbove: 0.5 } }] };
    expect(resolveBehavior(warm, facts()).rules).toEqual(['hot']);
    expect(resolveBehavior(warm, { ...facts(), route: 'embeddings' }).rules).toEqual([]);
  });

  it('refuses a threshold outside 0 to 2', () => {
    expect(() =>
      validateConfigPatch({ rules: [{ match: { temperatureAbove: 3 }, behavior: {} }] }),
    ).toThrow(ConfigError);
  });
});
