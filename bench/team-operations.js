// Team operations benchmark, on SQLite through the HTTP API: deletion of one user's traces,
// ingest p99 while the retention sweep deletes expired traces (vs. before it, same run), and
// ingest while `glassbox backup` runs (failed requests, p99 vs. before).
// The expired spans are written straight through storage.traces.writeSpans (HTTP ingest of a
// million spans would take most of an hour here); the ingest measured around them goes over HTTP.
// Usage: npm run bench:team [-- --user-traces 10000 --expired-spans 1000000 --window-s 15]
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from '@glassbox/server';
import { openStorage } from '@glassbox/store';
import { benchOptions } from './lib/bench-options.js';
import { encodeOtlpProtobuf, llmTraceSpans, prng } from './lib/llm-trace.js';
import { datasetTrace } from './lib/query-dataset.js';
import { describeLoad, describeMachine, SHARED_MACHINE_CAVEAT } from './lib/machine.js';
import { markdownTable, writeResultsSection } from './lib/results-file.js';
import { ms, percentile } from './lib/stats.js';

const loadAtStart = describeLoad();
const options = benchOptions('team-operations.js', {
  'user-traces': {
    env: 'BENCH_USER_TRACES',
    default: 10_000,
    kind: 'number',
    help: 'traces of the deleted user',
  },
  'expired-spans': {
    env: 'BENCH_EXPIRED_SPANS',
    default: 1_000_000,
    kind: 'number',
    help: 'expired spans (5 per trace) waiting for the sweep',
  },
  'sweep-batch': {
    env: 'BENCH_SWEEP_BATCH',
    default: 0,
    kind: 'number',
    help: 'traces per retention batch (0: the server default)',
  },
  'window-s': {
    env: 'BENCH_WINDOW_S',
    default: 15,
    kind: 'number',
    help: 'seconds per ingest window',
  },
});
const DAY = 86_400_000;
const random = prng(19);
let index = 0;

function traces(count, { userId, startMs } = {}) {
  return Array.from({ length: count }, () => {
    const spans = llmTraceSpans(random, index++, startMs);
    if (userId) for (const s of spans) s.attributes['user.id'] = userId;
    return spans;
  });
}

async function post(url, body) {
  const res = await fetch(`${url}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-protobuf' },
    body,
  });
  await res.arrayBuffer();
  return res.status;
}

async function load(url, list, batch = 50) {
  for (let i = 0; i < list.length; i += batch) {
    const status = await post(url, encodeOtlpProtobuf(list.slice(i, i + batch)));
    if (status !== 200) throw new Error(`ingest answered ${status}`);
  }
}

async function setTraceRetention(url, traceDays) {
  const res = await fetch(`${url}/api/settings/retention`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ traceDays, contentDays: null }),
  });
  if (!res.ok) throw new Error(`retention answered ${res.status}: ${await res.text()}`);
}

/** Steady ingest (4 clients, 10-trace requests) for `seconds`; latencies and failures. */
async function ingestWindow(url, seconds, during = async () => {}) {
  const latencies = [];
  let failed = 0;
  const end = performance.now() + seconds * 1000;
  const client = async () => {
    while (performance.now() < end) {
      const body = encodeOtlpProtobuf(traces(10));
      const started = performance.now();
      const status = await post(url, body).catch(() => 0);
      latencies.push(performance.now() - started);
      if (status !== 200) failed++;
    }
  };
  const [, extra] = await Promise.all([
    Promise.all([client(), client(), client(), client()]),
    during(),
  ]);
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    n: latencies.length,
    failed,
    extra,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'glassbox-bench-team-'));
const storage = await openStorage({ dataDir: dir });
const server = await createServer({
  storage,
  host: '127.0.0.1',
  port: 0,
  detection: { enabled: false },
  // The default batch and busy share; a short interval so the sweep starts within the run.
  retention: {
    intervalMs: 1_000,
    ...(options['sweep-batch'] > 0 ? { batchLimit: options['sweep-batch'] } : {}),
  },
});
const rows = [];
try {
  // Deletion: one user's traces among as many others; reference: ingesting them.
  const userTraces = options['user-traces'];
  const mine = traces(userTraces, { userId: 'user-to-delete' });
  let started = performance.now();
  await load(server.url, mine);
  const ingestMs = performance.now() - started;
  await load(server.url, traces(userTraces));
  started = performance.now();
  const res = await fetch(`${server.url}/api/deletions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: 'user-to-delete' }),
  });
  const deleted = await res.json();
  const deleteMs = performance.now() - started;
  rows.push([
    `delete a user with ${userTraces.toLocaleString()} traces (${deleted.spans.toLocaleString()} spans) among ${(2 * userTraces).toLocaleString()}`,
    `${ms(deleteMs)} ms`,
    `ingesting them: ${ms(ingestMs)} ms`,
    `${(deleteMs / ingestMs).toFixed(2)}x`,
  ]);

  // Retention: a backlog of expired spans, then ingest before and while the sweep deletes it.
  const expiredTraces = Math.ceil(options['expired-spans'] / 5);
  started = performance.now();
  for (let first = 0; first < expiredTraces; first += 1_000) {
    const spans = [];
    const end = Math.min(expiredTraces, first + 1_000);
    for (let i = first; i < end; i++)
      spans.push(...datasetTrace(random, i, expiredTraces, 'default', Date.now() - 40 * DAY));
    await storage.traces.writeSpans(spans);
  }
  const loadS = (performance.now() - started) / 1000;
  const window = options['window-s'];
  const before = await ingestWindow(server.url, window);
  const countTraces = async () => (await storage.maintenance.usage('default')).traces;
  const tracesBefore = await countTraces();
  await setTraceRetention(server.url, 30);
  // The sweep runs once a second until it finds the new policy: give it that second.
  await new Promise((r) => setTimeout(r, 1_500));
  const sweeping = await ingestWindow(server.url, window);
  const sweptTraces = tracesBefore + sweeping.n * 10 - (await countTraces());
  // Stop the sweep, so it does not overlap the backup measurement.
  await setTraceRetention(server.url, null);
  rows.push([
    `ingest p99 while the sweep works through ${(expiredTraces * 5).toLocaleString()} expired spans (loaded in ${loadS.toFixed(0)} s; ${(sweptTraces * 5).toLocaleString()} spans deleted from the policy change to the end of the ${window} s window; ${sweeping.n} requests, ${sweeping.failed} failed)`,
    `${ms(sweeping.p99)} ms`,
    `same run, before: ${ms(before.p99)} ms (${before.n} requests, ${before.failed} failed)`,
    `${(sweeping.p99 / before.p99).toFixed(2)}x`,
  ]);

  // Backup while ingest continues: the CLI in a child process, awaited without blocking this
  // process, which also runs the server.
  const out = join(dir, 'backup.db');
  const calm = await ingestWindow(server.url, window);
  const backingUp = await ingestWindow(server.url, window, async () => {
    await new Promise((r) => setTimeout(r, 1_000));
    const t = performance.now();
    await promisify(execFile)(process.execPath, [
      new URL('../packages/cli/dist/main.js', import.meta.url).pathname,
      'backup',
      '--out',
      out,
      '--data-dir',
      dir,
    ]);
    return performance.now() - t;
  });
  rows.push([
    `ingest while \`glassbox backup\` copies ${(statSync(out).size / 1e6).toFixed(0)} MB (took ${ms(backingUp.extra)} ms)`,
    `p99 ${ms(backingUp.p99)} ms, ${backingUp.failed} failed of ${backingUp.n}`,
    `same run, before: p99 ${ms(calm.p99)} ms, ${calm.failed} failed of ${calm.n}`,
    `${(backingUp.p99 / calm.p99).toFixed(2)}x`,
  ]);
} finally {
  await server.close();
  await storage.close().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
}

const body = `Command: \`npm run bench:team -- --user-traces ${options['user-traces']} --expired-spans ${options['expired-spans']}${options['sweep-batch'] > 0 ? ` --sweep-batch ${options['sweep-batch']}` : ''} --window-s ${options['window-s']}\` (SQLite, through the HTTP API, 5 spans per trace).
${describeMachine()}. ${loadAtStart}; at the end: ${describeLoad().replace('1-minute load average at start: ', '')}. ${SHARED_MACHINE_CAVEAT}

${markdownTable(['measure', 'result', 'reference (same run)', 'ratio'], rows)}
`;
console.log(body);
writeResultsSection(`Team operations — ${new Date().toISOString().slice(0, 10)}`, body);
