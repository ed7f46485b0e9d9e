// Ingest benchmark: the trace-shape matrix. For every shape and store, a plain-insert
// reference of the same span rows (bench/lib/plain-insert-reference.js), then sustained
// OTLP/HTTP protobuf ingest into a real Glassbox server (own process, failure classification
// and the detection thread on, as by default) from a separate load process: once as fast as
// the server answers, once paced at a fraction of that rate for the latency aim. After each
// run the stored spans are counted: every acknowledged span must be there.
// Usage: npm run bench:ingest [-- --shapes llm-1span,small-300b --store sqlite --duration 10]
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { benchOptions } from './lib/bench-options.js';
import { describeLoad, describeMachine, SHARED_MACHINE_CAVEAT } from './lib/machine.js';
import { postgresReference, sqliteReference } from './lib/plain-insert-reference.js';
import { DATABASE_URL, postgresAvailable, scratchSchema } from './lib/postgres-database.js';
import { markdownTable, writeResultsSection } from './lib/results-file.js';
import { ms, percentile } from './lib/stats.js';
import { SHAPE_NAMES, SHAPES } from './lib/trace-shapes.js';

const loadAtStart = describeLoad();
const options = benchOptions('ingest.js', {
  shapes: {
    env: 'BENCH_SHAPES',
    default: SHAPE_NAMES.join(','),
    kind: 'string',
    help: `comma-separated shapes (${SHAPE_NAMES.join(', ')})`,
  },
  store: {
    env: 'BENCH_STORE',
    default: 'sqlite,postgres',
    kind: 'string',
    help: 'comma-separated stores (sqlite, postgres)',
  },
  duration: {
    env: 'BENCH_DURATION_S',
    default: 15,
    kind: 'number',
    help: 'seconds of load (and of reference inserts) per measurement',
  },
  connections: {
    env: 'BENCH_CONNECTIONS',
    default: 8,
    kind: 'number',
    help: 'concurrent HTTP connections',
  },
  pace: {
    env: 'BENCH_PACE',
    default: 0.8,
    kind: 'number',
    help: 'fraction of the measured maximum rate for the paced latency run (1 = skip it)',
  },
  'ingest-threads': {
    env: 'BENCH_INGEST_THREADS',
    default: '',
    kind: 'string',
    help: 'decode/normalize worker threads of the server (0 = inline; default: one per core)',
  },
  profile: {
    env: 'BENCH_PROFILE_DIR',
    default: '',
    kind: 'string',
    help: 'directory for a --cpu-prof of the server in each full-speed run',
  },
  'no-write': {
    env: 'BENCH_NO_WRITE',
    default: false,
    kind: 'boolean',
    help: 'do not update bench/RESULTS.md',
  },
});
const durationMs = options.duration * 1000;
const SEED = 42;

const list = (text) =>
  text
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);

/** Fresh storage for one measurement, a way to count its spans, and its cleanup. */
function freshStorage(store, label) {
  if (store === 'sqlite') {
    const dataDir = mkdtempSync(join(tmpdir(), `glassbox-bench-${label}-`));
    return {
      options: { dataDir },
      dir: dataDir,
      countSpans: async () => {
        const db = new Database(join(dataDir, 'glassbox.db'), { readonly: true });
        try {
          return db.prepare('select count(*) as n from spans').get().n;
        } finally {
          db.close();
        }
      },
      cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const scratch = scratchSchema(label.replace(/[^a-z0-9]/g, '_'));
  return {
    options: scratch.storageOptions,
    schema: scratch.schema,
    countSpans: async () => {
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      try {
        const { rows } = await client.query(
          `select count(*)::int as n from "${scratch.schema}".spans`,
        );
        return rows[0].n;
      } finally {
        await client.end();
      }
    },
    cleanup: () => scratch.drop(),
  };
}

function once(child, type) {
  return new Promise((resolve, reject) => {
    const onMessage = (message) => {
      if (message.type === type) {
        child.off('message', onMessage);
        resolve(message);
      } else if (message.type === 'error') {
        reject(new Error(message.message));
      }
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`${type}: child exited with ${code} first`)));
  });
}

function exitOf(child, timeoutMs) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Milliseconds of GET /api/traces/:id for the large trace, p50 and max of a few calls. */
async function timeTraceDetail(url, traceId) {
  const samples = [];
  let spans = 0;
  for (let i = 0; i < 7; i++) {
    const started = performance.now();
    const response = await fetch(`${url}/api/traces/${traceId}`);
    const body = await response.json();
    samples.push(performance.now() - started);
    if (!response.ok) throw new Error(`trace detail: ${response.status} ${JSON.stringify(body)}`);
    spans = body.spans?.length ?? body.trace?.spans?.length ?? 0;
  }
  samples.sort((a, b) => a - b);
  return { p50Ms: percentile(samples, 0.5), maxMs: samples.at(-1), spans };
}

async function measureHttp(storageOptions, shape, ratePerSecond, profileDir) {
  const execArgv = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const server = fork(new URL('./server-process.js', import.meta.url), {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    execArgv,
  });
  try {
    const threads = options['ingest-threads'];
    server.send({
      storage: storageOptions,
      ...(threads === '' ? {} : { ingestThreads: Number(threads) }),
    });
    const { url } = await once(server, 'listening');
    const load = fork(new URL('./load-generator.js', import.meta.url), {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    load.send({
      url,
      durationMs,
      connections: options.connections,
      shape,
      seed: SEED,
      ...(ratePerSecond ? { ratePerSecond } : {}),
    });
    const { result } = await once(load, 'result');
    const largeId = result.largeTraceIds.at(-1);
    const detail = largeId ? await timeTraceDetail(url, largeId) : undefined;
    server.send('stop');
    const { peakRssMb } = await once(server, 'stopped');
    // A CPU profile is written when the process exits by itself.
    if (profileDir) await exitOf(server, 15_000);
    return { ...result, peakRssMb, detail };
  } finally {
    server.kill();
  }
}

/** One row of the matrix: reference, full speed, paced. */
async function measureShape(store, shape, notes) {
  const tag = `[${store} ${shape}]`;
  const refStorage = freshStorage(store, 'ref');
  let reference;
  try {
    reference =
      store === 'sqlite'
        ? await sqliteReference({ dir: refStorage.dir, shape, seed: SEED, durationMs })
        : await postgresReference({
            databaseUrl: DATABASE_URL,
            schema: `${refStorage.schema}_plain`,
            shape,
            seed: SEED,
            durationMs,
          });
  } finally {
    await refStorage.cleanup();
  }
  console.error(`${tag} plain inserts: ${Math.round(reference.rowsPerSecond)} rows/s`);

  const runs = [];
  const fractions = options.pace < 1 ? [1, options.pace] : [1];
  let maxRequestsPerSecond = 0;
  for (const fraction of fractions) {
    const storage = freshStorage(store, 'http');
    try {
      const rate = fraction < 1 ? maxRequestsPerSecond * fraction : undefined;
      const profileDir = fraction === 1 && options.profile ? options.profile : undefined;
      const http = await measureHttp(storage.options, shape, rate, profileDir);
      http.stored = await storage.countSpans();
      if (fraction === 1) maxRequestsPerSecond = http.requests / (http.elapsedMs / 1000);
      console.error(
        `${tag} HTTP at ${fraction === 1 ? 'full speed' : `${fraction} of max`}: ${Math.round(http.spansPerSecond)} spans/s, p50 ${ms(http.p50Ms)} ms, p99 ${ms(http.p99Ms)} ms, ${Math.round(http.peakRssMb)} MB, ${http.stored} stored of ${http.spans} acknowledged`,
      );
      if (http.stored < http.spans)
        notes.push(`${store} ${shape}: ${http.spans - http.stored} acknowledged spans missing!`);
      if (http.failed > 0)
        notes.push(
          `${store} ${shape}: ${http.failed} requests failed: ${JSON.stringify(http.errors)}`,
        );
      runs.push(http);
    } finally {
      await storage.cleanup();
    }
  }
  return { reference, full: runs[0], paced: runs[1] };
}

function row(store, shape, { reference, full, paced }) {
  const n = (value) => Math.round(value).toLocaleString('en-US');
  const detail = full.detail
    ? `; large-trace detail API p50 ${ms(full.detail.p50Ms)} ms (${full.detail.spans} spans)`
    : '';
  return [
    store,
    SHAPES[shape].label,
    n(reference.rowsPerSecond),
    n(full.spansPerSecond),
    (full.spansPerSecond / reference.rowsPerSecond).toFixed(2),
    `${ms(full.p50Ms)} / ${ms(full.p99Ms)}`,
    paced ? `${n(paced.spansPerSecond)}: ${ms(paced.p50Ms)} / ${ms(paced.p99Ms)}` : 'n/a',
    n(Math.max(full.peakRssMb, paced?.peakRssMb ?? 0)),
    `${full.requests} requests, ${full.throttled} throttled, ${full.failed} failed, ${full.stored} of ${full.spans} acknowledged spans stored; load process CPU ${(full.generatorCpuShare * 100).toFixed(0)} %${detail}`,
  ];
}

async function main() {
  const stores = list(options.store);
  const shapes = list(options.shapes);
  for (const shape of shapes) if (!SHAPES[shape]) throw new Error(`unknown shape "${shape}"`);
  const rows = [];
  const notes = [];
  for (const store of stores) {
    if (store !== 'sqlite' && store !== 'postgres') throw new Error(`unknown store "${store}"`);
    if (store === 'postgres' && !(await postgresAvailable())) {
      notes.push('PostgreSQL was not reachable: its rows are missing from this run.');
      continue;
    }
    for (const shape of shapes)
      rows.push(row(store, shape, await measureShape(store, shape, notes)));
  }
  const table = markdownTable(
    [
      'store',
      'shape',
      'plain inserts rows/s',
      'Glassbox spans/s',
      'ratio',
      'ack p50 / p99 ms',
      `at ${options.pace} of max: spans/s: p50 / p99 ms`,
      'peak RSS MB',
      'notes',
    ],
    rows,
  );
  const date = new Date().toISOString().slice(0, 10);
  const command = `node bench/ingest.js ${process.argv.slice(2).join(' ')}`.trim();
  const body = `Machine: ${describeMachine()}. Date: ${new Date().toISOString()}. ${loadAtStart}; at the end: ${describeLoad().replace('1-minute load average at start: ', '')}.
Command: \`${command}\`.

Each shape: ${options.connections} keep-alive connections over loopback from a separate load
process sending OTLP protobuf, ${options.duration} s per measurement, server with failure
classification and the detection thread on (the defaults). Acknowledgement latency is request
sent to 200 received (200 means committed). The reference inserts the same span rows (id +
attributes JSON) into a bare table: SQLite with one prepared statement in transactions of
1,000 rows in WAL mode (the store's pragmas), PostgreSQL with 1,000-row multi-row inserts.
The paced run sends requests on a schedule at ${options.pace} of the full-speed request rate.
After each run the stored spans are counted against the acknowledged ones.

${table}

${[SHARED_MACHINE_CAVEAT, ...notes].join('\n\n')}`;
  console.log(`\n${table}\n`);
  if (notes.length > 0) console.log(notes.join('\n'));
  if (!options['no-write']) {
    const path = writeResultsSection(`Ingest shape matrix — ${date}`, body);
    console.error(`Results written to ${path}`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
