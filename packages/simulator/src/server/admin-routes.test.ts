import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../start-simulator.js';
import { startSimulator } from '../start-simulator.js';

let sim: RunningSimulator;
let client: OpenAI;

beforeAll(async () => {
  sim = await startSimulator({ seed: 3 });
  client = new OpenAI({ baseURL: sim.baseURL, apiKey: 'sim', maxRetries: 0 });
});
afterAll(() => sim.close());

const put = (body: unknown) =>
  fetch(`${sim.url}/admin/config`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('admin API', () => {
  it('applies PUT /admin/config on the next request and resets with POST /admin/reset', async () => {
    const response = await put({ behavior: { refusalRate: 1 } });
    expect(response.status).toBe(200);
    expect(
      ((await response.json()) as { behavior: { refusalRate: number } }).behavior.refusalRate,
    ).toBe(1);
    const refused = await client.chat.completions.create({
      model: 'sim-gpt-4o',
      messages: [{ role: 'user', content: 'How do I bake bread?' }],
    });
    expect(refused.choices[0]!.message.content).toMatch(/^I('m| can)/);
    const current = (await (await fetch(`${sim.url}/admin/config`)).json()) as {
      behavior: { refusalRate: number };
    };
    expect(current.behavior.refusalRate).toBe(1);

    expect((await fetch(`${sim.url}/admin/reset`, { method: 'POST' })).status).toBe(200);
    const answered = await client.chat.completions.create({
      model: 'sim-gpt-4o',
      messages: [{ role: 'user', content: 'How do I bake bread?' }],
    });
    expect(answered.choices[0]!.message.content).toMatch(/bake bread/);
    const stats = (await (await fetch(`${sim.url}/admin/stats`)).json()) as {
      requests: { total: number };
    };
    expect(stats.requests.total).toBe(1);
  });

  it.each([
    [{ behavior: { refusalRate: 2 } }, 'config.behavior.refusalRate'],
    [{ behavior: { contextOverflow: 'drop' } }, 'config.behavior.contextOverflow'],
    [{ behavior: { nonsense: 1 } }, 'config.behavior.nonsense'],
    [{ rules: [{ match: { pattern: '(' }, behavior: {} }] }, 'config.rules[0].match.pattern'],
    [{ rules: [{ match: {} }] }, 'config.rules[0].behavior'],
    [
      { behavior: { serverErrors: { statuses: [404] } } },
      'config.behavior.serverErrors.statuses[0]',
    ],
  ])('rejects %j with a 400 naming %s', async (body, field) => {
    const response = await put(body);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as {
      error: { message: string; param: string; code: string; type: string };
    };
    expect(error).toMatchObject({
      param: field,
      code: 'invalid_config',
      type: 'invalid_request_error',
    });
    expect(error.message).toContain(field);
  });

  it('rejects a body that is not JSON', async () => {
    const response = await put('{not json');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /parse the JSON/,
    );
  });

  it('answers unknown routes with an OpenAI-shaped 404', async () => {
    const response = await fetch(`${sim.url}/v1/nope`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: {
        message: 'Invalid URL (POST /v1/nope)',
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
  });
});
