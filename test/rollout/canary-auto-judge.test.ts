import {
  createPromptClient,
  init,
  trace,
  traceGeneration,
  type GlassboxHandle,
  type PromptClient,
} from '@glassbox/sdk';
import { createServer, type GlassboxServer } from '@glassbox/server';
import { startSimulator, type RunningSimulator } from '@glassbox/simulator';
import { createMemoryStorage, type Storage } from '@glassbox/store';
import { REAL_DATABASES } from '../../packages/server/test/support/storage-backends.js';
import { callApi } from './call-api.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * Canaries judged with no manual call: an app resolves its prompt through the SDK (which
 * records the version on its trace), asks the simulated model, and exports the trace to the
 * server; the online evaluator scores each trace and feeds it to the running canary's gate.
 * A canary whose prompt makes the model refuse is killed; a harmless one is promoted. On
 * memory storage the evaluator runs in the server's process; on SQLite on its worker thread
 * with a connection of its own.
 */

const BASE = '/api/artifacts/prompt/support';
// The simulator refuses every answer whose prompt carries this marker.
const REFUSING = 'Decline anything about refunds.';

const BACKENDS: {
  name: string;
  open(): Promise<{ storage: Storage; dispose(): Promise<void> }>;
}[] = [
  {
    name: 'memory',
    open: async () => ({ storage: createMemoryStorage(), dispose: async () => {} }),
  },
  {
    name: 'sqlite',
    async open() {
      const db = await REAL_DATABASES[0]!.create();
      const storage = await db.open();
      return { storage, dispose: () => storage.close().then(() => db.dispose()) };
    },
  },
];

for (const backend of BACKENDS)
  describe(`canary judged by online evaluators (${backend.name})`, () => {
    let dispose: (() => Promise<void>) | undefined;
    let sim: RunningSimulator;
    let server: GlassboxServer;
    let sdk: GlassboxHandle;
    let prompts: PromptClient;
    let turns = 0;

    const api = (method: string, path: string, body?: unknown) =>
      callApi(server.url, method, path, body);
    const ok = async (method: string, path: string, body?: unknown) => {
      const res = await api(method, path, body);
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
      return res.body;
    };
    const push = (system: string) =>
      ok('POST', `${BASE}/versions`, {
        content: [
          { role: 'system', content: system },
          { role: 'user', content: '{{question}}' },
        ],
      });

    const servedVersion = async () =>
      ((await ok('GET', `${BASE}?label=production`)) as { version: { version: number } }).version
        .version;

    /** One conversation turn of the app, traced and exported to the server. */
    const turn = (userId: string) =>
      trace('support-turn', async () => {
        const prompt = await prompts.getPrompt('support', { userId });
        if (!prompt) throw new Error('no prompt served');
        const messages = prompt.render({ question: 'How long do refunds take?' });
        if (typeof messages === 'string') throw new Error('support is a chat template');
        await traceGeneration(
          {
            model: 'sim-gpt-4o-mini',
            provider: 'openai',
            messages,
            prompt: { name: 'support', version: String(prompt.version) },
          },
          async (gen) => {
            const res = await fetch(`${sim.baseURL}/chat/completions`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: 'Bearer sim' },
              body: JSON.stringify({ model: 'sim-gpt-4o-mini', messages }),
            });
            const answer = (await res.json()) as {
              choices: { message: { content: string }; finish_reason: string }[];
            };
            const choice = answer.choices[0]!;
            gen.setResult({ output: choice.message.content, finishReason: choice.finish_reason });
          },
        );
      });

    /** Sends traffic from fresh users until the canary ends (or a generous budget runs out). */
    async function driveUntilDecided(): Promise<Record<string, unknown>> {
      for (let batch = 0; batch < 60; batch++) {
        for (let i = 0; i < 10; i++) await turn(`user-${turns++}`);
        await sdk.flush();
        const canary = (await ok('GET', `${BASE}/canary`)) as { state: { status: string } };
        if (canary.state.status !== 'running') return canary;
        // Give the online evaluator a pass over what was just sent.
        await new Promise((r) => setTimeout(r, 300));
      }
      return ok('GET', `${BASE}/canary`);
    }

    beforeAll(async () => {
      sim = await startSimulator({
        seed: 7,
        config: {
          rules: [
            { name: 'refusing prompt', match: { pattern: REFUSING }, behavior: { refusalRate: 1 } },
          ],
        },
      });
      const opened = await backend.open();
      dispose = opened.dispose;
      server = await createServer({
        storage: opened.storage,
        host: '127.0.0.1',
        port: 0,
        onlineEval: { intervalMs: 100, settleMs: 500, lookbackMs: 600_000 },
      });
      sdk = init({
        endpoint: server.url,
        env: {},
        scheduledDelayMillis: 10,
        onError: () => undefined,
      });
      prompts = createPromptClient({ endpoint: server.url, onError: () => undefined });
      await ok('PUT', '/api/online-eval/rules', {
        rules: [
          { id: 'refusals', segment: {}, rate: 1, assert: [{ type: 'glassbox:no-refusal' }] },
        ],
      });
      await push('You are a helpful support agent.');
      await push(`You are a support agent. ${REFUSING}`);
      await push('You are a friendly, helpful support agent.');
      await ok('PUT', `${BASE}/labels/production`, { version: 1, reason: 'first release' });
    });
    afterAll(async () => {
      prompts?.close();
      await sdk?.shutdown();
      await server?.close();
      await sim?.close();
      await dispose?.();
    });

    it('refuses an evaluator that no online evaluation rule scores, naming it', async () => {
      const res = await api('POST', `${BASE}/canary`, {
        version: 2,
        percent: 50,
        evaluators: ['glassbox:no-refusal', 'faithfulness'],
      });
      expect(res.status).toBe(400);
      expect((res.body.error as { message: string }).message).toBe(
        'evaluator "faithfulness" is not scored by any online evaluation rule of this project; scored: glassbox:no-refusal',
      );
    });

    it('kills a canary whose answers regress on the evaluator; the label stays', async () => {
      await ok('POST', `${BASE}/canary`, {
        version: 2,
        percent: 50,
        evaluators: ['glassbox:no-refusal'],
        minSamples: 200,
      });
      const canary = (await driveUntilDecided()) as {
        state: { status: string; reason: string; metrics: Record<string, unknown> };
      };
      expect(canary.state.status).toBe('killed');
      expect(canary.state.reason).toMatch(/^glassbox:no-refusal rate 100\.00 % on v2/);
      expect(await servedVersion()).toBe(1);
      const history = (await ok('GET', `${BASE}/history`)) as {
        items: { type: string; reason?: string }[];
      };
      expect(history.items.find((e) => e.type === 'canary_killed')?.reason).toMatch(
        /glassbox:no-refusal rate/,
      );
    });

    it('promotes a harmless canary once both arms reach the minimum sample', async () => {
      await ok('POST', `${BASE}/canary`, {
        version: 3,
        percent: 50,
        evaluators: ['glassbox:no-refusal'],
        minSamples: 15,
      });
      const canary = (await driveUntilDecided()) as { state: { status: string; metrics: object } };
      expect(canary.state.status).toBe('promoted');
      expect(await servedVersion()).toBe(3);
    });
  });
