// Gateway overhead: the same non-streaming chat completion sent straight to a local mock
// upstream, through the Glassbox gateway, and through Portkey's open-source gateway, in one
// run; then each at a fixed 1,000 requests/s; then an RSS soak of the Glassbox gateway.
// Every server runs in its own process; this process only sends and times.
// Usage: npm run bench:gateway [-- --requests 1000 --rate-seconds 5 --soak-seconds 60]
//   (BENCH_SOAK_SECONDS=600 for the ten-minute soak at 500 requests/s)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { benchOptions } from './lib/bench-options.js';
import { describeLoad, describeMachine, SHARED_MACHINE_CAVEAT } from './lib/machine.js';
import { markdownTable, writeResultsSection } from './lib/results-file.js';
import { percentile } from './lib/stats.js';

const options = benchOptions('gateway', {
  requests: {
    env: 'BENCH_REQUESTS',
    default: 1000,
    kind: 'number',
    help: 'sequential keep-alive requests per target',
  },
  'rate-seconds': {
    env: 'BENCH_RATE_SECONDS',
    default: 5,
    kind: 'number',
    help: 'seconds at 1,000 requests/s per target',
  },
  'soak-seconds': {
    env: 'BENCH_SOAK_SECONDS',
    default: 60,
    kind: 'number',
    help: 'RSS soak length at 500 requests/s (600 for the ten-minute soak)',
  },
});
// The failoverbench fault scorecard first: the same scenarios the gateway's tests run.
const { FAULT_SCENARIOS, runFaultScenario } =
  await import('../packages/gateway/test/fault-scorecard.ts');
const scorecard = [];
for (const scenario of FAULT_SCENARIOS) {
  const result = await runFaultScenario(scenario);
  scorecard.push(result);
  console.log(`${result.verdict.padEnd(7)} ${scenario.name}: ${result.evidence}`);
}

const children = [];
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

/** Portkey colours its banner; the port is read from the plain text. */
const ESC = String.fromCharCode(27);
const stripAnsi = (text) =>
  text
    .split(ESC)
    .map((part, i) => (i === 0 ? part : part.replace(/^\[[0-9;]*m/, '')))
    .join('');

/** Starts a child process and resolves with the port it reports. */
function startChild(args, pattern) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    const onData = (data) => {
      out += data.toString();
      const match = pattern.exec(stripAnsi(out));
      if (match) resolve({ child, port: Number(match[1]) });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) =>
      reject(new Error(`${args.join(' ')} exited ${code}: ${out.slice(-500)}`)),
    );
  });
}

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const upstream = await startChild([here('./lib/gateway-upstream.js')], /listening (\d+)/);
const bare = await startChild(
  [here('./lib/bare-proxy.js'), String(upstream.port)],
  /listening (\d+)/,
);
const gatewayData = mkdtempSync(join(tmpdir(), 'glassbox-bench-gateway-'));
process.on('exit', () => rmSync(gatewayData, { recursive: true, force: true }));
const ours = await startChild(
  [here('./lib/gateway-process.js'), String(upstream.port), gatewayData],
  /listening (\d+)/,
);
let portkey = null;
let portkeyProblem = null;
try {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@portkey-ai/gateway/build/start-server.js');
  const version = require('@portkey-ai/gateway/package.json').version;
  const port = 20000 + Math.floor(Math.random() * 20000);
  const started = await Promise.race([
    startChild([entry, `--port=${port}`, '--headless'], /running at:\s*http:\/\/localhost:(\d+)/),
    new Promise((_, reject) =>
      setTimeout(() => reject(new Error('no "running" line within 30 s')), 30_000),
    ),
  ]);
  portkey = { ...started, version };
} catch (error) {
  portkeyProblem = error.message;
}

const body = JSON.stringify({
  model: 'gpt-4o-mini',
  temperature: 0,
  messages: [
    {
      role: 'system',
      content:
        'You answer questions about refunds, shipping and orders. Be brief and cite the policy.',
    },
    { role: 'user', content: 'How long do refunds take for an order paid by card?' },
  ],
});
const targets = [
  {
    name: 'direct to the mock upstream',
    port: upstream.port,
    path: '/v1/chat/completions',
    headers: {},
  },
  { name: 'Glassbox gateway', port: ours.port, path: '/v1/chat/completions', headers: {} },
  {
    name: 'bare Node.js proxy (floor, no guards)',
    port: bare.port,
    path: '/v1/chat/completions',
    headers: {},
  },
];
if (portkey) {
  targets.push({
    name: `Portkey gateway ${portkey.version}`,
    port: portkey.port,
    path: '/v1/chat/completions',
    headers: {
      'x-portkey-provider': 'openai',
      'x-portkey-custom-host': `http://127.0.0.1:${upstream.port}/v1`,
      authorization: 'Bearer bench',
    },
  });
}

/** One request; resolves with its latency in ms, or rejects on a non-200. */
function send(target, agent) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = request(
      {
        host: '127.0.0.1',
        port: target.port,
        path: target.path,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...target.headers,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          if (res.statusCode !== 200)
            reject(
              new Error(
                `${target.name}: HTTP ${res.statusCode} ${Buffer.concat(chunks).toString().slice(0, 200)}`,
              ),
            );
          else resolve(ms);
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** CPU time (user + system, ms) a process has used, from /proc; null where there is none. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}
const processOf = new Map([
  [targets[0].name, upstream.child.pid],
  [targets[1].name, ours.child.pid],
  [targets[2].name, bare.child.pid],
  ...(portkey ? [[targets[3].name, portkey.child.pid]] : []),
]);
const cpuPerRequest = new Map(targets.map((t) => [t.name, 0]));

const sequentialAgent = new Agent({ keepAlive: true, maxSockets: 1 });
for (const target of targets) for (let i = 0; i < 500; i++) await send(target, sequentialAgent);

// Sequential, interleaved in rounds so drift on a shared machine hits every target alike.
const sequential = new Map(targets.map((t) => [t.name, []]));
const rounds = 5;
for (let r = 0; r < rounds; r++) {
  for (const target of targets) {
    const before = cpuMs(processOf.get(target.name));
    for (let i = 0; i < options.requests / rounds; i++)
      sequential.get(target.name).push(await send(target, sequentialAgent));
    // The CPU of the process answering: the gateway's own (the mock upstream's for direct).
    const used = cpuMs(processOf.get(target.name)) - before;
    cpuPerRequest.set(target.name, cpuPerRequest.get(target.name) + used / options.requests);
  }
}

/** Open loop at `rate` requests/s for `seconds`: sends on schedule whatever the answers do. */
async function atRate(target, rate, seconds) {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const latencies = [];
  let errors = 0;
  const pending = [];
  const total = rate * seconds;
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      send(target, agent).then(
        (ms) => latencies.push(ms),
        () => (errors += 1),
      ),
    );
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return { latencies: latencies.sort((a, b) => a - b), errors, achieved: total / elapsed };
}

const rated = [];
for (const target of targets)
  rated.push({ target, ...(await atRate(target, 1000, options['rate-seconds'])) });

async function gatewayRss() {
  const text = await new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port: ours.port, path: '/metrics' }, (res) => {
      let t = '';
      res.on('data', (c) => (t += c));
      res.on('end', () => resolve(t));
    })
      .on('error', reject)
      .end();
  });
  return Number(/glassbox_gateway_resident_memory_bytes (\d+)/.exec(text)[1]) / 2 ** 20;
}

// Soak: 500 requests/s through the Glassbox gateway, RSS sampled every 5 s.
const soakSeconds = options['soak-seconds'];
const rss = [{ t: 0, mb: await gatewayRss() }];
const soakStart = performance.now();
let soakErrors = 0;
let soakRequests = 0;
for (let s = 0; s < soakSeconds; s += 5) {
  const slice = Math.min(5, soakSeconds - s);
  const result = await atRate(targets[1], 500, slice);
  soakErrors += result.errors;
  soakRequests += result.latencies.length + result.errors;
  rss.push({ t: Math.round((performance.now() - soakStart) / 1000), mb: await gatewayRss() });
}

const summary = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
};
const direct = summary(sequential.get(targets[0].name));
const rows = targets.map((t) => {
  const s = summary(sequential.get(t.name));
  return { name: t.name, ...s, overheadP50: s.p50 - direct.p50, overheadP99: s.p99 - direct.p99 };
});
const f = (x) => x.toFixed(3);
const ourRow = rows[1];
const portkeyRow = rows[3];
const bareRow = rows[2];
const rateDirect = rated[0];
const rateBare = rated[2];
/** A same-run ratio; overheads can be at or below zero on a noisy machine, then it says so. */
const ratio = (x, reference) => (reference > 0 ? (x / reference).toFixed(2) : 'n/a');
const overheadAtRate = (r, q) => percentile(r.latencies, q) - percentile(rateDirect.latencies, q);
const lines = [];
lines.push(`${describeMachine()} ${describeLoad()} ${SHARED_MACHINE_CAVEAT}`);
lines.push('');
lines.push(
  `How it was measured: \`npm run bench:gateway\` (${options.requests} sequential keep-alive requests per target, interleaved in ${rounds} rounds after 500 warm-up requests each; then ${options['rate-seconds']} s per target at an open-loop 1,000 requests/s; then a ${soakSeconds} s soak at 500 requests/s). The upstream is a local mock answering one fixed chat completion at once; the mock, each gateway and the load generator are separate processes. The Glassbox gateway runs with its guards on: breaker, retry planner, a project budget reserved and settled per call (from a slice leased from its SQLite database), context-budget check, and OTel spans exported to an OTLP sink. Overhead = the gateway's latency percentile minus the direct percentile.`,
);
lines.push('');
lines.push(
  markdownTable(
    [
      'target',
      'p50 ms',
      'p99 ms',
      'overhead p50 ms',
      'overhead p99 ms',
      'overhead p50 / bare proxy',
      'server CPU per request ms',
      'CPU / bare proxy',
    ],
    rows.map((r) => [
      r.name,
      f(r.p50),
      f(r.p99),
      f(r.overheadP50),
      f(r.overheadP99),
      r === rows[0] ? '' : ratio(r.overheadP50, bareRow.overheadP50),
      f(cpuPerRequest.get(r.name)),
      r === rows[0] ? '' : ratio(cpuPerRequest.get(r.name), cpuPerRequest.get(bareRow.name)),
    ]),
  ),
);
lines.push('');
lines.push(
  markdownTable(
    [
      'at 1,000 requests/s',
      'achieved req/s',
      'errors',
      'p50 ms',
      'p99 ms',
      'overhead p50 ms',
      'overhead p99 ms',
      'overhead p50 / bare proxy',
    ],
    rated.map((r) => [
      r.target.name,
      r.achieved.toFixed(0),
      r.errors,
      f(percentile(r.latencies, 0.5)),
      f(percentile(r.latencies, 0.99)),
      f(overheadAtRate(r, 0.5)),
      f(overheadAtRate(r, 0.99)),
      r === rateDirect ? '' : ratio(overheadAtRate(r, 0.5), overheadAtRate(rateBare, 0.5)),
    ]),
  ),
);
lines.push('');
lines.push(
  `Soak: ${soakRequests} requests at 500/s over ${soakSeconds} s, ${soakErrors} errors. Gateway RSS (MiB) every 5 s: ${rss.map((x) => x.mb.toFixed(0)).join(', ')} (start ${rss[0].mb.toFixed(1)}, end ${rss.at(-1).mb.toFixed(1)}, max ${Math.max(...rss.map((x) => x.mb)).toFixed(1)}).`,
);
lines.push('');
const aims = [
  `- Glassbox overhead p50 ${f(ourRow.overheadP50)} ms (aim < 0.3), p99 ${f(ourRow.overheadP99)} ms (aim < 1); a bare Node.js proxy with no guards (the same-run floor: node:http server, keep-alive http.Agent, piped bodies): p50 ${f(bareRow.overheadP50)} ms, p99 ${f(bareRow.overheadP99)} ms. Ratio to the floor: p50 overhead ${ratio(ourRow.overheadP50, bareRow.overheadP50)}, p99 overhead ${ratio(ourRow.overheadP99, bareRow.overheadP99)}, CPU per request ${ratio(cpuPerRequest.get(ourRow.name), cpuPerRequest.get(bareRow.name))}; at 1,000 requests/s, p50 overhead ${ratio(overheadAtRate(rated[1], 0.5), overheadAtRate(rateBare, 0.5))}.`,
  portkeyRow
    ? `- Against Portkey in the same run: p50 overhead ${f(ourRow.overheadP50)} vs ${f(portkeyRow.overheadP50)} ms (ratio ${(ourRow.overheadP50 / portkeyRow.overheadP50).toFixed(2)}, aim <= 0.2); p99 ${f(ourRow.overheadP99)} vs ${f(portkeyRow.overheadP99)} ms (ratio ${(ourRow.overheadP99 / portkeyRow.overheadP99).toFixed(2)}).`
    : `- Portkey could not run here: ${portkeyProblem}`,
];
lines.push(...aims);
const passes = scorecard.filter((r) => r.verdict === 'pass').length;
lines.push('');
lines.push(
  `Fault scorecard: the 16 failoverbench faults against two seeded simulators (primary and fallback serving the same model), each a test in packages/gateway/test/fault-scorecard.test.ts. pass = the complete answer, equal to the healthy one, within 8 s (or, for context-length and content-filter, the upstream's answer passed through untouched and not retried); partial = right but slow or mis-accounted; safe = a clear error, never a truncated success; fail = a truncated or wrong success, or a hang. Each scenario first checks from the simulator's ground truth that the fault really hit the primary.`,
);
lines.push('');
lines.push(
  markdownTable(
    ['fault', 'verdict', 'evidence'],
    scorecard.map((r) => [r.name, r.verdict, r.evidence.replace(/\|/g, '/')]),
  ),
);
lines.push('');
lines.push(
  `- Glassbox: ${passes} of 16 pass. Published on the same catalogue (not measured here): Portkey 11 (truncated answers returned as success), Bifrost 9 (a 130 s hang), LiteLLM 9.`,
);
const date = new Date().toISOString().slice(0, 10);
const file = writeResultsSection(
  `Gateway overhead and fault scorecard (${date})`,
  lines.join('\n'),
);
console.log(lines.join('\n'));
console.log(`\nwritten to ${file}`);
process.exit(0);
