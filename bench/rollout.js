// Rollout: the prompt registry's aims from issue 16. getPrompt from cache; a label move
// reaching 100 connected SDK clients (Server-Sent Events, long poll as reference); sessions never switching versions
// mid-conversation across rollbacks under load. The server runs in its own process.
// Usage: npm run bench:rollout [-- --backend sqlite|postgres --clients 100 --moves 20 --sessions 300]
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canaryArm, checkCanaryInput, observeCanary, startCanary } from '@glassbox/core/artifacts';
import { createRng } from '@glassbox/core/stats';
import { createPromptClient } from '@glassbox/sdk';
import { benchOptions } from './lib/bench-options.js';
import { describeLoad, describeMachine, SHARED_MACHINE_CAVEAT } from './lib/machine.js';
import { scratchSchema } from './lib/postgres-database.js';
import { markdownTable, writeResultsSection } from './lib/results-file.js';
import { percentile } from './lib/stats.js';

const options = benchOptions('rollout', {
  backend: { env: 'BENCH_BACKEND', default: 'sqlite', kind: 'string', help: 'sqlite or postgres' },
  clients: { env: 'BENCH_CLIENTS', default: 100, kind: 'number', help: 'connected SDK clients' },
  moves: { env: 'BENCH_MOVES', default: 20, kind: 'number', help: 'label moves timed' },
  sessions: {
    env: 'BENCH_SESSIONS',
    default: 300,
    kind: 'number',
    help: 'sessions across rollbacks',
  },
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'glassbox-rollout-'));
  const pg = options.backend === 'postgres' ? scratchSchema('rollout') : undefined;
  const child = fork(new URL('./server-process.js', import.meta.url), { stdio: 'inherit' });
  const listening = new Promise((resolve) => child.once('message', resolve));
  child.send({ storage: pg ? pg.storageOptions : { dataDir: dir }, classifyFailures: false });
  const { url } = await listening;
  return {
    url,
    async stop() {
      const stopped = new Promise((resolve) => child.once('message', resolve));
      child.send('stop');
      await stopped;
      rmSync(dir, { recursive: true, force: true });
      await pg?.drop();
    },
  };
}

const server = await startServer();
const call = async (method, path, body) => {
  const res = await fetch(`${server.url}${path}`, {
    method,
    ...(body
      ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }
      : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
};
const base = '/api/artifacts/prompt/support';
for (const text of ['v1', 'v2'])
  await call('POST', `${base}/versions`, { content: [{ role: 'system', content: text }] });
const move = (version, reason) => call('PUT', `${base}/labels/production`, { version, reason });
await move(1, 'launch');

// 1. getPrompt from cache.
const hot = createPromptClient({ endpoint: server.url });
await hot.getPrompt('support');
const HITS = 200_000;
for (let i = 0; i < 20_000; i++) await hot.getPrompt('support');
let started = performance.now();
for (let i = 0; i < HITS; i++) await hot.getPrompt('support');
const hitUs = ((performance.now() - started) * 1000) / HITS;
const hitSamples = [];
for (let i = 0; i < 20_000; i++) {
  const t = performance.now();
  await hot.getPrompt('support');
  hitSamples.push((performance.now() - t) * 1000);
}
hitSamples.sort((a, b) => a - b);
hot.close();

// 2. A label move reaching every connected client: pushed as Server-Sent Events (the
// default), and over the long poll as the reference measured in the same run.
const errors = [];
// Where each SDK error happened: connecting 100 clients at once, or after a label move
// (the refetch burst a move used to cause; a move's event now carries its version).
let phase = 'connect';
const errorsByPhase = { connect: 0, moves: 0 };
let current = 1;
async function moveDelays(push) {
  const clients = Array.from({ length: options.clients }, () =>
    createPromptClient({
      endpoint: server.url,
      maxStalenessMs: 5000,
      push,
      onError: (e) => {
        errors.push(e.message);
        errorsByPhase[phase]++;
      },
    }),
  );
  await Promise.all(clients.map((c) => c.getPrompt('support')));
  for (let i = 0; i < 400 && !clients.every((c) => c.streaming); i++) await sleep(25);
  const transports = clients.map((c) => c.transport ?? 'none');
  phase = 'moves';
  const delays = [];
  for (let m = 0; m < options.moves; m++) {
    const next = current === 1 ? 2 : 1;
    const movedAt = performance.now();
    await move(next, `move ${m}`);
    const seen = await Promise.all(
      clients.map(async (c) => {
        for (;;) {
          const p = await c.getPrompt('support');
          if (p?.version === next) return performance.now() - movedAt;
          if (performance.now() - movedAt > 15_000) return Infinity;
          await sleep(5);
        }
      }),
    );
    delays.push(...seen);
    current = next;
    await sleep(100);
  }
  for (const c of clients) c.close();
  phase = 'connect';
  delays.sort((a, b) => a - b);
  const on = (t) => transports.filter((x) => x === t).length;
  return { delays, transports: `push ${on('push')}, poll ${on('poll')}, none ${on('none')}` };
}
const pushed = await moveDelays(true);
const polled = await moveDelays(false);
const delays = pushed.delays;

// 3. Sessions across rollbacks under load: two app replicas, every turn resolved through the
// server-side pin (short staleness), while the label flips back and forth.
const replicas = [0, 1].map(() =>
  createPromptClient({ endpoint: server.url, stream: false, maxStalenessMs: 50 }),
);
const seenBy = new Map();
let running = true;
let turns = 0;
const flips = (async () => {
  let v = current;
  while (running) {
    v = v === 1 ? 2 : 1;
    await move(v, 'rollback under load');
    await sleep(150);
  }
})();
const sessionsDone = Promise.all(
  Array.from({ length: options.sessions }, async (_, s) => {
    await sleep(Math.random() * 2000);
    const id = `s-${s}`;
    const versions = new Set();
    for (let turn = 0; turn < 8; turn++) {
      const replica = replicas[(s + turn) % 2];
      const p = await replica.getPrompt('support', { sessionId: id });
      if (p?.version !== undefined) versions.add(p.version);
      turns++;
      await sleep(50 + Math.random() * 100);
    }
    seenBy.set(id, versions);
  }),
);
await sessionsDone;
running = false;
await flips;
for (const r of replicas) r.close();
const switched = [...seenBy.values()].filter((v) => v.size > 1).length;
const startedOn = [1, 2].map((v) => [...seenBy.values()].filter((s) => s.has(v)).length);
const history = await call('GET', `${base}/history?limit=1000`);
await server.stop();

// 4. The canary gate on simulated traffic (pure core, no server): a 20 % relative regression
// (5 % -> 6 % errors) on a 5 % canary, and A/A canaries. Seeds 9000+ were not used by the tests.
function runCanary(seed, rates, percent, minSamples, maxRequests) {
  const rng = createRng(seed);
  let state = startCanary(
    checkCanaryInput(
      { version: 2, percent, minSamples, salt: `bench-${seed}` },
      { target: 1, salt: '' },
    ),
  );
  for (let sent = 0; sent < maxRequests;) {
    const outcomes = [];
    for (let i = 0; i < 1000; i++, sent++) {
      const arm = canaryArm(state.spec, 'prompt/support', `user-${seed}-${sent}`);
      outcomes.push({ arm, metric: 'error', failed: rng.next() < rates[arm] });
    }
    const judged = observeCanary(state, outcomes);
    state = judged.state;
    if (judged.verdict.action !== 'continue' && judged.verdict.action !== 'ramp') {
      return {
        action: judged.verdict.action,
        canaryTrials: state.metrics.error.treatment.trials,
        sent,
      };
    }
  }
  return {
    action: 'continue',
    canaryTrials: state.metrics.error.treatment.trials,
    sent: maxRequests,
  };
}
/** Requests until the expected mixture likelihood ratio reaches 1/alpha (mSPRT, tau .05). */
function predictedRequests(pc, pt, share, alpha, tau = 0.05) {
  for (let n = 1000; n < 1e8; n = Math.ceil(n * 1.01)) {
    const v = (pc * (1 - pc)) / (n * (1 - share)) + (pt * (1 - pt)) / (n * share);
    const t2 = tau * tau;
    const logLr = 0.5 * Math.log(v / (v + t2)) + (t2 * (pt - pc) ** 2) / (2 * v * (v + t2));
    if (logLr >= Math.log(1 / alpha)) return n;
  }
  return Infinity;
}
const killRuns = Array.from({ length: 20 }, (_, i) =>
  runCanary(9000 + i, { control: 0.05, canary: 0.06 }, 5, 10_000_000, 4_000_000),
);
const killedAt = killRuns
  .filter((r) => r.action === 'kill')
  .map((r) => r.sent)
  .sort((a, b) => a - b);
const predicted = predictedRequests(0.05, 0.06, 0.05, 0.01);
const aa = Array.from({ length: 100 }, (_, i) =>
  runCanary(9100 + i, { control: 0.05, canary: 0.05 }, 5, 1000, 4_000_000),
);
const aaKills = aa.filter((r) => r.action === 'kill').length;

const fmt = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'never');
const rows = [
  ['getPrompt from cache, mean', `${hitUs.toFixed(2)} µs`, '< 20 µs'],
  ['getPrompt from cache, p99', `${percentile(hitSamples, 0.99).toFixed(2)} µs`, ''],
  [
    `label move to ${options.clients} clients (pushed), p50`,
    `${fmt(percentile(delays, 0.5))} ms`,
    '',
  ],
  [
    `label move to ${options.clients} clients (pushed), p99`,
    `${fmt(percentile(delays, 0.99))} ms`,
    '< 5000 ms',
  ],
  [`label move to ${options.clients} clients, max`, `${fmt(delays.at(-1))} ms`, ''],
  [
    `label move to ${options.clients} clients over the long poll (reference), p50 / p99`,
    `${fmt(percentile(polled.delays, 0.5))} / ${fmt(percentile(polled.delays, 0.99))} ms`,
    '',
  ],
  [
    'push p99 / long-poll p99',
    (percentile(delays, 0.99) / percentile(polled.delays, 0.99)).toFixed(2),
    '',
  ],
  [
    `sessions switching version mid-conversation (${options.sessions} sessions, ${turns} turns, ${history.items.length} label moves)`,
    String(switched),
    '0',
  ],
  [
    'canary kill, 5 % canary, errors 5 % -> 6 % (20 runs): killed / median requests at kill',
    `${killedAt.length}/20, ${percentile(killedAt, 0.5)} (p90 ${percentile(killedAt, 0.9)})`,
    `mSPRT expectation: ${predicted} requests`,
  ],
  ['A/A canaries killed (100 runs, 5 %, alpha .01, 1000 per arm)', String(aaKills), '0'],
];
const body = [
  describeMachine(),
  describeLoad(),
  `Backend: ${options.backend}; ${options.moves} moves timed per transport; clients connected by (push run) ${pushed.transports}, (poll run) ${polled.transports}; sessions on v1/v2: ${startedOn.join('/')}; SDK errors reported: ${errors.length} (${errorsByPhase.connect} while the clients connected, ${errorsByPhase.moves} after label moves).`,
  '',
  markdownTable(['measure', 'value', 'aim'], rows),
  '',
  SHARED_MACHINE_CAVEAT,
].join('\n');
console.log(body);
if (errors.length > 0)
  console.log(
    'first SDK errors:',
    [...new Set(errors.map((e) => e.replace(/\d+/g, 'N')))].slice(0, 5),
  );
writeResultsSection(`rollout (${options.backend}), ${new Date().toISOString().slice(0, 10)}`, body);
