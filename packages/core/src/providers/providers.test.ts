import { describe, expect, it } from 'vitest';
import { defaultProvider } from './default-provider.js';
import { describeModel } from './describe-model.js';
import { ProviderConfigError } from './provider-config-error.js';
import { validateProviders } from './validate-provider.js';

describe('providers', () => {
  it('completes a minimal entry with defaults', () => {
    const [p] = validateProviders(
      [{ name: 'sim', baseUrl: 'http://127.0.0.1:9/v1/', apiKeyEnv: 'SIM_KEY' }],
      ['providers'],
    );
    expect(p).toMatchObject({
      name: 'sim',
      baseUrl: 'http://127.0.0.1:9/v1',
      apiKeyEnv: 'SIM_KEY',
      models: [],
      headers: {},
    });
    expect(p!.timeouts.firstTokenMs).toBeGreaterThan(0);
  });

  it.each([
    [[{ name: 'a', baseUrl: 'ftp://x' }], 'providers[0].baseUrl', 'http(s) URL'],
    [
      [{ name: 'a', baseUrl: 'http://x', apiKey: 'sk-123' }],
      'providers[0].apiKey',
      'environment variable',
    ],
    [
      [{ name: 'a', baseUrl: 'http://x', headers: { Authorization: 'Bearer x' } }],
      'providers[0].headers.Authorization',
      'secret',
    ],
    [
      [{ name: 'a', baseUrl: 'http://x', apiKeyEnv: 'not a name' }],
      'providers[0].apiKeyEnv',
      'environment variable name',
    ],
    [
      [{ name: 'a', baseUrl: 'http://x', timeouts: { idleMs: 0 } }],
      'providers[0].timeouts.idleMs',
      'positive',
    ],
    [
      [{ name: 'a', baseUrl: 'http://x', colour: 'red' }],
      'providers[0].colour',
      'not a known field',
    ],
    [
      [
        { name: 'a', baseUrl: 'http://x' },
        { name: 'a', baseUrl: 'http://y' },
      ],
      'providers[1].name',
      'another provider',
    ],
    [[], 'providers', 'non-empty'],
  ])('rejects %j at %s', (value, path, problem) => {
    const error = (() => {
      try {
        validateProviders(value, ['providers']);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ProviderConfigError);
    expect((error as Error).message.startsWith(path)).toBe(true);
    expect((error as Error).message).toContain(problem);
  });

  it('takes the default provider from OPENAI_BASE_URL, naming OPENAI_API_KEY without reading it', () => {
    const p = defaultProvider({
      OPENAI_BASE_URL: 'http://127.0.0.1:1234/v1/',
      OPENAI_API_KEY: 'sk-secret',
    });
    expect(p.baseUrl).toBe('http://127.0.0.1:1234/v1');
    expect(JSON.stringify(p)).not.toContain('sk-secret');
    expect(defaultProvider({}).baseUrl).toBe('https://api.openai.com/v1');
  });

  it('describes models from the shared tables with a pinned encoding', () => {
    expect(describeModel('gpt-4o-2024-08-06')).toMatchObject({
      contextWindow: 128_000,
      encoding: 'o200k_base',
      encodingExact: true,
    });
    expect(describeModel('gpt-4-0613')).toMatchObject({ encoding: 'cl100k_base' });
    expect(describeModel('gpt-4o-mini').price?.input).toBeGreaterThan(0);
    expect(describeModel('llama3.1:8b')).toMatchObject({
      contextWindow: 131_072,
      encodingExact: false,
    });
  });
});
