import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '@glassbox/simulator';
import { startSimulator } from '@glassbox/simulator';
import type { RunningGateway } from '../src/index.js';
import { startGateway, validateGatewayConfig } from '../src/index.js';
import { chat } from './support/raw-client.js';

let sim: RunningSimulator;
let gateway: RunningGateway;
const KEYS: Record<string, { project: string; keyId: string }> = {
  gbx_a: { project: 'acme', keyId: 'ka' },
  gbx_b: { project: 'globex', keyId: 'kb' },
};

beforeAll(async () => {
  sim = await startSimulator({ seed: 9 });
  const config = validateGatewayConfig(
    {
      providers: [{ name: 'sim', baseUrl: sim.baseURL }],
      cache: {
        semantic: { enabled: true, provider: 'sim', model: 'sim-embedding-small', threshold: 0.97 },
      },
    },
    [],
  );
  gateway = await startGateway({
    config,
    env: {},
    authenticate: (key) => Promise.resolve(KEYS[key]),
  });
});
afterAll(async () => {
  await gateway.close();
  await sim.close();
});

const ask = (content: string) => ({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] });
const as = (key: string, extra: Record<string, string> = {}) => ({
  authorization: `Bearer ${key}`,
  ...extra,
});
const chatCalls = () => sim.stats().requests.byRoute.chat ?? 0;

describe('semantic cache in the gateway', () => {
  it('answers a near-identical question from the cache, marked, inside the tenant only', async () => {
    const first = await chat(
      gateway.baseURL,
      ask('How long does a refund take for a card payment?'),
      as('gbx_a'),
    );
    const before = chatCalls();
    const again = await chat(
      gateway.baseURL,
      ask('How long does a refund take for a card payment ?'),
      as('gbx_a'),
    );
    expect(again.headers.get('x-glassbox-cache')).toBe('hit-semantic');
    expect(again.text).toBe(first.text);
    expect(chatCalls()).toBe(before);
    // The same question from another project, or another prompt version, never sees acme's answer.
    const other = await chat(
      gateway.baseURL,
      ask('How long does a refund take for a card payment?'),
      as('gbx_b'),
    );
    expect(other.headers.get('x-glassbox-cache')).toBeNull();
    const version = await chat(
      gateway.baseURL,
      ask('How long does a refund take for a card payment?'),
      as('gbx_a', { 'x-glassbox-prompt-version': 'v2' }),
    );
    expect(version.headers.get('x-glassbox-cache')).toBeNull();
    expect(chatCalls()).toBe(before + 2);
  });

  it('a different question misses, and Cache-Control: no-cache skips the cache', async () => {
    await chat(gateway.baseURL, ask('Which workshops repair brakes on Sundays?'), as('gbx_a'));
    const before = chatCalls();
    const different = await chat(
      gateway.baseURL,
      ask('What is the warranty on a new phone screen?'),
      as('gbx_a'),
    );
    expect(different.headers.get('x-glassbox-cache')).toBeNull();
    const bypass = await chat(
      gateway.baseURL,
      ask('Which workshops repair brakes on Sundays?'),
      as('gbx_a', { 'cache-control': 'no-cache' }),
    );
    expect(bypass.headers.get('x-glassbox-cache')).toBeNull();
    expect(chatCalls()).toBe(before + 2);
  });
});
