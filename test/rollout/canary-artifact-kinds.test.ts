import {
  createPromptClient,
  init,
  trace,
  traceGeneration,
  type GlassboxHandle,
  type PromptClient,
} from '@glassbox/sdk';
import type { Incident } from '@glassbox/core/detect';
import { createServer, type GlassboxServer } from '@glassbox/server';
import { startSimulator, type RunningSimulator } from '@glassbox/simulator';
import { createMemoryStorage, type Storage } from '@glassbox/store';
import { REAL_DATABASES } from '../../packages/server/test/support/storage-backends.js';
import { callApi } from './call-api.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * Canaries of model, agent and tools artifacts judged with no manual call and no sampling
 * rule: the app resolves the artifact through the SDK (which records `glassbox.version.<kind>`
 * on its span), calls the simulated provider as the version says, and exports the trace. The
 * online evaluator visits the project because a canary is running there, credits each trace to
 * the arm its version snapshot names, and the error gate kills a version the provider fails
 * and promotes a harmless one.
 */

const SERVER_ERRORS = { rate: 1, statuses: [500], durationMs: null, retryAfterSeconds: 1 };
const tool = (name: string) => ({
  type: 'function',
  function: { name, parameters: { type: 'object', properties: {} } },
});

interface KindCase {
  kind: 'model' | 'agent' | 'tools';
  name: string;
  /** v1 (production), v2 (the provider fails it), v3 (harmless). */
  versions: { content: unknown; config?: Record<string, unknown> }[];
}

const KINDS: KindCase[] = [
  {
    kind: 'model',
    name: 'router',
    versions: [
      { content: { model: 'sim-gpt-4o-mini' } },
      { content: { model: 'sim-gpt-4o' } },
      { content: { model: 'sim-gpt-4o-mini' }, config: { temperature: 0.2 } },
    ],
  },
  {
    kind: 'agent',
    name: 'planner',
    versions: [
      { content: { instructions: 'Answer briefly.' } },
      { content: { instructions: 'Answer briefly. Escalate everything.' } },
      { content: { instructions: 'Answer briefly and kindly.' } },
    ],
  },
  {
    kind: 'tools',
    name: 'toolbox',
    versions: [
      { content: [tool('lookup_order')] },
      { content: [tool('lookup_order_beta')] },
      { content: [tool('lookup_order'), tool('track_parcel')] },
    ],
  },
];

const BACKENDS: {
  name: string;
  /** Kinds run on this backend: the worker-thread path once, every kind in process. */
  kinds: KindCase['kind'][];
  open(): Promise<{ storage: Storage; dispose(): Promise<void> }>;
}[] = [
  {
    name: 'memory',
    kinds: ['model', 'agent', 'tools'],
    open: async () => ({ storage: createMemoryStorage(), dispose: async () => {} }),
  },
  {
    name: 'sqlite',
    kinds: ['model'],
    async open() {
      const db = await REAL_DATABASES[0]!.create();
      const storage = await db.open();
      return { storage, dispose: () => storage.close().then(() => db.dispose()) };
    },
  },
];

for (const backend of BACKENDS)
  describe(`canaries of model, agent and tools artifacts, no sampling rule (${backend.name})`, () => {
    let dispose: (() => Promise<void>) | undefined;
    let sim: RunningSimulator;
    let server: GlassboxServer;
    let sdk: GlassboxHandle;
    let prompts: PromptClient;
    let turns = 0;

    const ok = async (method: string, path: string, body?: unknown) => {
      const res = await callApi(server.url, method, path, body);
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
      return res.body;
    };

    const chat = async (
      model: string,
      messages: { role: string; content: string }[],
      tools?: unknown,
    ) =>
      traceGeneration({ model, provider: 'openai', messages }, async (gen) => {
        const res = await fetch(`${sim.baseURL}/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer sim' },
          body: JSON.stringify({ model, messages, ...(tools ? { tools } : {}) }),
        });
        if (!res.ok) throw new Error(`provider answered ${res.status}`);
        const answer = (await res.json()) as {
          choices: { message: { content: string }; finish_reason: string }[];
        };
        const choice = answer.choices[0]!;
        gen.setResult({ output: choice.message.content, finishReason: choice.finish_reason });
      });

    /** One turn of the app, shaped by the artifact version it resolved; errors stay on the trace. */
    const turn = (kase: KindCase, userId: string) =>
      trace('support-turn', async () => {
        const artifact = await prompts.getArtifact(kase.kind, kase.name, { userId });
        if (!artifact) throw new Error(`no ${kase.kind} served`);
        const question = { role: 'user', content: 'Where is my order?' };
        if (kase.kind === 'model') {
          await chat((artifact.content as { model: string }).model, [question]);
        } else if (kase.kind === 'agent') {
          const { instructions } = artifact.content as { instructions: string };
          await chat('sim-gpt-4o-mini', [{ role: 'system', content: instructions }, question]);
        } else {
          const tools = artifact.content as ReturnType<typeof tool>[];
          await chat('sim-gpt-4o-mini', [question], tools);
          const first = tools[0]!.function.name;
          const res = await fetch(`${sim.baseURL}/tools/${first}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: 'Bearer sim' },
            body: JSON.stringify({ order: userId }),
          });
          if (!res.ok) throw new Error(`tool ${first} answered ${res.status}`);
        }
      }).catch(() => undefined);

    /** The open incident where a canary of this artifact was killed. */
    const incidentOf = async (kase: KindCase) => {
      const { items } = (await ok('GET', '/api/incidents?status=open')) as { items: Incident[] };
      return items.find((i) => i.canaries?.some((c) => c.name === kase.name));
    };

    async function driveUntilDecided(kase: KindCase): Promise<Record<string, unknown>> {
      const path = `/api/artifacts/${kase.kind}/${kase.name}/canary`;
      for (let batch = 0; batch < 60; batch++) {
        for (let i = 0; i < 10; i++) await turn(kase, `user-${turns++}`);
        await sdk.flush();
        const canary = (await ok('GET', path)) as { state: { status: string } };
        if (canary.state.status !== 'running') return canary;
        await new Promise((r) => setTimeout(r, 300));
      }
      return ok('GET', path);
    }

    beforeAll(async () => {
      sim = await startSimulator({
        seed: 11,
        config: {
          rules: [
            { match: { model: 'sim-gpt-4o' }, behavior: { serverErrors: SERVER_ERRORS } },
            {
              match: { pattern: 'Escalate everything' },
              behavior: { serverErrors: SERVER_ERRORS },
            },
            {
              match: { route: 'tools', tool: 'lookup_order_beta' },
              behavior: { serverErrors: SERVER_ERRORS },
            },
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
      sdk = init({ endpoint: server.url, env: {}, scheduledDelayMillis: 10, onError: () => {} });
      prompts = createPromptClient({ endpoint: server.url, onError: () => undefined });
      for (const kase of KINDS.filter((k) => backend.kinds.includes(k.kind))) {
        const base = `/api/artifacts/${kase.kind}/${kase.name}`;
        for (const version of kase.versions) await ok('POST', `${base}/versions`, version);
        await ok('PUT', `${base}/labels/production`, { version: 1, reason: 'first release' });
      }
    });
    afterAll(async () => {
      prompts?.close();
      await sdk?.shutdown();
      await server?.close();
      await sim?.close();
      await dispose?.();
    });

    for (const kase of KINDS.filter((k) => backend.kinds.includes(k.kind))) {
      const base = `/api/artifacts/${kase.kind}/${kase.name}`;
      const served = async () =>
        ((await ok('GET', `${base}?label=production`)) as { version: { version: number } }).version
          .version;

      it(`kills the ${kase.kind} canary the provider fails, on errors alone; the label stays`, async () => {
        await ok('POST', `${base}/canary`, { version: 2, percent: 50, minSamples: 200 });
        const canary = (await driveUntilDecided(kase)) as {
          state: { status: string; reason: string };
        };
        expect(canary.state.status).toBe('killed');
        expect(canary.state.reason).toMatch(/^error rate 100\.00 % on v2/);
        expect(await served()).toBe(1);
        const incident = await incidentOf(kase);
        expect(incident?.status).toBe('open');
        expect(incident?.timeline.map((t) => t.type)).toContain('canary_killed');
        const evidence = incident!.canaries!.find((c) => c.name === kase.name)!;
        expect(evidence).toMatchObject({ kind: kase.kind, version: 2, controlVersion: 1 });
        expect(evidence.metric).toBe('error');
        const [error] = evidence.metrics;
        expect(error!.canary.failures).toBe(error!.canary.trials);
        expect(error!.control.trials).toBeGreaterThan(0);
        expect(error!.pValue).toBeLessThanOrEqual(evidence.alpha);
        expect(error!.boundaryDifference).toBeGreaterThan(0);
      });

      it(`promotes a harmless ${kase.kind} canary at the minimum sample`, async () => {
        await ok('POST', `${base}/canary`, { version: 3, percent: 50, minSamples: 15 });
        const canary = (await driveUntilDecided(kase)) as { state: { status: string } };
        expect(canary.state.status).toBe('promoted');
        expect(await served()).toBe(3);
        const history = (await ok('GET', `${base}/history`)) as {
          items: { type: string; to?: number; reason?: string }[];
        };
        expect(history.items.find((e) => e.type === 'label_moved' && e.to === 3)?.reason).toMatch(
          /passed every gate/,
        );
        const incident = await incidentOf(kase);
        const promotion = new RegExp(
          `^canary of ${kase.kind} ${kase.name} v3 promoted to production`,
        );
        expect(
          incident?.timeline.filter(
            (t) => t.type === 'canary_promoted' && promotion.test(t.message),
          ),
        ).toHaveLength(1);
      });
    }
  });
