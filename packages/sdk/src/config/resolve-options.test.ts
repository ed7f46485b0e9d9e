import { describe, expect, it } from 'vitest';
import { resolveOptions } from './resolve-options.js';

describe('resolveOptions', () => {
  it('defaults to the local Glassbox server', () => {
    const r = resolveOptions({}, {});
    expect(r.tracesUrl).toBe('http://127.0.0.1:4318/v1/traces');
    expect(r.apiKey).toBeUndefined();
    expect(r.serviceName).toBe('unknown_service');
    expect(r.hashOnly).toBe(false);
  });

  it('reads environment variables, options win', () => {
    const env = {
      GLASSBOX_ENDPOINT: 'https://gb.example:8443/',
      GLASSBOX_API_KEY: 'k1',
      OTEL_SERVICE_NAME: 'otel-name',
      GLASSBOX_HASH_ONLY: 'true',
      GLASSBOX_VERSION_AGENT: 'a-1',
      GLASSBOX_VERSION_PROMPT: 'p-1',
    };
    const fromEnv = resolveOptions({}, env);
    expect(fromEnv).toMatchObject({
      tracesUrl: 'https://gb.example:8443/v1/traces',
      apiKey: 'k1',
      serviceName: 'otel-name',
      hashOnly: true,
      versions: { agent: 'a-1', prompt: 'p-1' },
    });
    const fromOptions = resolveOptions(
      {
        endpoint: 'http://x:1/v1/traces',
        apiKey: 'k2',
        serviceName: 'svc',
        versions: { prompt: 'p-2' },
      },
      { ...env, GLASSBOX_SERVICE_NAME: 'gb-name' },
    );
    expect(fromOptions).toMatchObject({
      tracesUrl: 'http://x:1/v1/traces',
      apiKey: 'k2',
      serviceName: 'svc',
      versions: { agent: 'a-1', prompt: 'p-2' },
    });
    expect(resolveOptions({}, { ...env, GLASSBOX_SERVICE_NAME: 'gb-name' }).serviceName).toBe(
      'gb-name',
    );
  });

  it('rejects bad input naming the field', () => {
    expect(() => resolveOptions({ endpoint: 'not a url' }, {})).toThrow(
      /endpoint must be an http\(s\) URL/,
    );
    expect(() => resolveOptions({ endpoint: 'ftp://x' }, {})).toThrow(
      /endpoint must use http or https/,
    );
    expect(() => resolveOptions({ maxQueueSize: 0 }, {})).toThrow(
      /maxQueueSize must be a positive integer/,
    );
    expect(() => resolveOptions({ versions: { agent: 3 as unknown as string } }, {})).toThrow(
      /versions.agent must be a string/,
    );
  });

  it('caps the export batch at the queue size', () => {
    expect(resolveOptions({ maxQueueSize: 10 }, {}).maxExportBatchSize).toBe(10);
  });
});
