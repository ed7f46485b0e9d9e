import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { GLASSBOX_ATTRIBUTES } from '@glassbox/core/model';
import { createServer, type GlassboxServer } from '@glassbox/server';
import { startSimulator, type RunningSimulator } from '@glassbox/simulator';
import { openStorage, type Storage } from '@glassbox/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';
import { captureContext } from '../../test/support/capture-context.js';

const AGENT = fileURLToPath(new URL('../../test/fixtures/replay-agent.mjs', import.meta.url));
const run = promisify(execFile);

let dir: string;
let storage: Storage;
let server: GlassboxServer;
let sim: RunningSimulator;
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'glassbox-whole-replay-'));
  storage = await openStorage({ dataDir: dir });
  server = await createServer({
    storage,
    host: '127.0.0.1',
    port: 0,
    detection: { enabled: false },
  });
  sim = await startSimulator({ seed: 4 });
  env = { GLASSBOX_URL: server.url, SIM_URL: sim.baseURL, SIM_TOOLS_URL: sim.url };
});
afterAll(async () => {
  await server.close();
  await storage.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

const bookings = () => sim.stats().processed.byTool.book_repair ?? 0;
const chatCalls = () => sim.stats().requests.byRoute.chat ?? 0;

async function traces() {
  for (let i = 0; i < 100; i++) {
    const page = await storage.traces.listTraces({ projectId: 'default', limit: 10 });
    if (page.items.length > 0) return page.items;
    await new Promise((r) => setTimeout(r, 50));
  }
  return [];
}

async function replay(extraEnv: Record<string, string> = {}) {
  const io = captureContext({ cwd: dir, env: { ...env, ...extraEnv } });
  const [original] = await traces();
  const code = await runCli(
    ['replay', original!.traceId, '--data-dir', dir, '--', process.execPath, AGENT],
    io.context,
  );
  return { code, out: io.stdout(), err: io.stderr(), originalId: original!.traceId };
}

describe('glassbox replay TRACE_ID -- command (whole-run replay)', () => {
  it('records a live run, then replays it without calling the model or booking again', async () => {
    const live = await run(process.execPath, [AGENT], { env: { ...process.env, ...env } });
    const liveAnswer = JSON.parse(live.stdout).answer as string;
    expect(bookings()).toBe(1);
    const callsBefore = chatCalls();

    const { code, out, err, originalId } = await replay();
    expect(err).toContain(`replaying trace ${originalId}`);
    expect(code).toBe(0);
    expect(JSON.parse(out).answer).toBe(liveAnswer);
    expect(bookings()).toBe(1);
    expect(chatCalls()).toBe(callsBefore);

    const replayed = (await storage.traces.listTraces({ projectId: 'default', limit: 10 })).items
      .map((t) => t.traceId)
      .filter((id) => id !== originalId);
    expect(replayed).toHaveLength(1);
    const detail = await storage.traces.getTrace('default', replayed[0]!);
    for (const span of detail!.spans) {
      expect(span.attributes[GLASSBOX_ATTRIBUTES.replayOfTrace]).toBe(originalId);
    }
  }, 60_000);

  it('goes live from the first changed input and still never books', async () => {
    const callsBefore = chatCalls();
    const { code, out } = await replay({
      AGENT_QUESTION: 'Please book a repair at the Old Town workshop on 2024-06-17 at 09:00.',
    });
    expect(code).toBe(0);
    expect(chatCalls()).toBeGreaterThan(callsBefore);
    expect(bookings()).toBe(1);
    // Another booking's recorded answer must not stand in for this one.
    expect(JSON.parse(out).answer).toContain('not executed in replay');
  }, 60_000);

  it('refuses what it cannot replay, naming the problem', async () => {
    const io = captureContext({ cwd: dir, env });
    expect(
      await runCli(['replay', 'f'.repeat(32), '--data-dir', dir, '--', 'node', AGENT], io.context),
    ).not.toBe(0);
    expect(io.stderr()).toMatch(/trace f{32} not found/);
    const none = captureContext({ cwd: dir, env });
    const [original] = await traces();
    expect(await runCli(['replay', original!.traceId, '--data-dir', dir, '--'], none.context)).toBe(
      2,
    );
    expect(none.stderr()).toMatch(/nothing to run after "--"/);
  });

  it('refuses a trace without captured model messages, saying why', async () => {
    const traceId = 'c'.repeat(32);
    const response = await fetch(`${server.url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        resourceSpans: [
          {
            scopeSpans: [
              {
                spans: [
                  {
                    traceId,
                    spanId: 'd'.repeat(16),
                    name: 'execute_tool book_repair',
                    startTimeUnixNano: '1733400000000000000',
                    endTimeUnixNano: '1733400000500000000',
                    attributes: [
                      { key: 'gen_ai.tool.name', value: { stringValue: 'book_repair' } },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      }),
    });
    expect(response.status).toBe(200);
    const io = captureContext({ cwd: dir, env });
    expect(
      await runCli(['replay', traceId, '--data-dir', dir, '--', 'node', AGENT], io.context),
    ).not.toBe(0);
    expect(io.stderr()).toMatch(/has no LLM span with captured messages/);
  });
});
