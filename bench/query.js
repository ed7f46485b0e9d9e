// Query benchmark: loads BENCH_SPANS spans (default 1,000,000 = 200,000 traces of 5 spans)
// into SQLite (and PostgreSQL with BENCH_POSTGRES=1), then times the trace list, its fifth
// page, filtered searches and trace detail through the HTTP API and directly on the store.
// Usage: npm run bench:query [-- --spans 1000000 --repeat 100 --postgres]
import { mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from '@glassbox/server';
import { openStorage } from '@glassbox/store';
import { benchOptions } from './lib/bench-options.js';
import { prng } from './lib/llm-trace.js';
import { describeLoad, describeMachine, SHARED_MACHINE_CAVEAT } from './lib/machine.js';
import { postgresAvailable, scratchSchema } from './lib/postgres-database.js';
import { COMMON_WORD, datasetTrace, RARE_MODEL, RARE_WORD } from './lib/query-dataset.js';
import { markdownTable, writeResultsSection } from './lib/results-file.js';
import { ms, timeRepeated } from './lib/stats.js';

const loadAtStart = describeLoad();
const options = benchOptions('query.js', {
  spans: {
    env: 'BENCH_SPANS',
    default: 1_000_000,
    kind: 'number',
    help: 'spans to load (5 per trace)',
  },
  repeat: {
    env: 'BENCH_REPEAT',
    default: 100,
    kind: 'number',
    help: 'timed repetitions per query',
  },
  postgres: {
    env: 'BENCH_POSTGRES',
    default: false,
    kind: 'boolean',
    help: 'also run on PostgreSQL',
  },
  'load-budget': {
    env: 'BENCH_LOAD_BUDGET_S',
    default: 300,
    kind: 'number',
    help: 'seconds of loading per backend before querying what is loaded',
  },
  'no-write': {
    env: 'BENCH_NO_WRITE',
    default: false,
    kind: 'boolean',
    help: 'do not update bench/RESULTS.md',
  },
});
const TRACES = Math.max(1, Math.round(options.spans / 5));
const LOAD_BATCH_TRACES = 1000;
const PAGE = 50;

async function load(storage) {
  const projectId = (await storage.projects.ensureProject('default')).id;
  const random = prng(7);
  const endMs = Date.now();
  const sampleTraceIds = [];
  const started = performance.now();
  const budgetMs = options['load-budget'] * 1000;
  let loadedTraces = 0;
  for (let first = 0; first < TRACES; first += LOAD_BATCH_TRACES) {
    if (performance.now() - started > budgetMs) break;
    const spans = [];
    for (let i = first; i < Math.min(TRACES, first + LOAD_BATCH_TRACES); i += 1) {
      const trace = datasetTrace(random, i, TRACES, projectId, endMs);
      if (i % 997 === 0) sampleTraceIds.push(trace[0].traceId);
      spans.push(...trace);
    }
    await storage.traces.writeSpans(spans);
    loadedTraces = Math.min(TRACES, first + LOAD_BATCH_TRACES);
    if ((first / LOAD_BATCH_TRACES) % 20 === 0) {
      const done = Math.min(TRACES, first + LOAD_BATCH_TRACES) * 5;
      const rate = done / ((performance.now() - started) / 1000);
      console.error(`  loaded ${done.toLocaleString('en-US')} spans (${Math.round(rate)} spans/s)`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const spans = loadedTraces * 5;
  return {
    projectId,
    sampleTraceIds,
    seconds,
    spans,
    traces: loadedTraces,
    spansPerSecond: spans / seconds,
  };
}

/** The queries, each as a store call and the equivalent API path; `i` varies the argument. */
function queries(projectId, traces, sampleTraceIds, page5Cursor) {
  const session = (i) => `session-${(i * 7919) % Math.max(1, Math.floor(traces / 5))}`;
  const trace = (i) => sampleTraceIds[i % sampleTraceIds.length];
  const list = (extra) => ({ projectId, limit: PAGE, ...extra });
  const qs = (params) => `/api/traces?${new URLSearchParams({ limit: String(PAGE), ...params })}`;
  return [
    ['trace list, first page', () => list({}), () => qs({})],
    [
      'trace list, page 5 (cursor)',
      () => list({ cursor: page5Cursor }),
      () => qs({ cursor: page5Cursor }),
    ],
    [
      'filter by model (25 % of traces)',
      () => list({ model: 'gpt-4o' }),
      () => qs({ model: 'gpt-4o' }),
    ],
    [
      'filter by model (0.1 % of traces)',
      () => list({ model: RARE_MODEL }),
      () => qs({ model: RARE_MODEL }),
    ],
    [
      'filter by session',
      (i) => list({ sessionId: session(i) }),
      (i) => qs({ sessionId: session(i) }),
    ],
    [
      `free text q="${COMMON_WORD}" (common), every span`,
      () => list({ text: COMMON_WORD, textScope: 'all' }),
      () => qs({ q: COMMON_WORD, scope: 'all' }),
    ],
    [
      `free text q="${RARE_WORD}" (0.1 %), every span`,
      () => list({ text: RARE_WORD, textScope: 'all' }),
      () => qs({ q: RARE_WORD, scope: 'all' }),
    ],
    [
      `free text q="${COMMON_WORD}" (common), question and answer (default)`,
      () => list({ text: COMMON_WORD, textScope: 'io' }),
      () => qs({ q: COMMON_WORD }),
    ],
    [
      `free text q="${RARE_WORD}" (0.1 %), question and answer (default)`,
      () => list({ text: RARE_WORD, textScope: 'io' }),
      () => qs({ q: RARE_WORD }),
    ],
    ['trace detail (5 spans)', (i) => ({ detail: trace(i) }), (i) => `/api/traces/${trace(i)}`],
    [
      'session list, first page',
      () => ({ sessions: { projectId, limit: PAGE } }),
      () => `/api/sessions?limit=${PAGE}`,
    ],
    ['trace time extent', () => ({ extent: projectId }), () => '/api/traces/extent'],
  ];
}

async function measure(storage, label) {
  console.error(`[${label}] loading ${(TRACES * 5).toLocaleString('en-US')} spans...`);
  const loaded = await load(storage);
  console.error(
    `[${label}] loaded ${loaded.spans.toLocaleString('en-US')} spans in ${loaded.seconds.toFixed(0)} s`,
  );
  const server = await createServer({ storage, host: '127.0.0.1', port: 0 });
  try {
    let cursor;
    for (let page = 1; page < 5; page += 1) {
      cursor = (
        await storage.traces.listTraces({ projectId: loaded.projectId, limit: PAGE, cursor })
      ).nextCursor;
    }
    const rows = [];
    for (const [name, storeArgs, path] of queries(
      loaded.projectId,
      loaded.traces,
      loaded.sampleTraceIds,
      cursor,
    )) {
      const direct = await timeRepeated(async (i) => {
        const args = storeArgs(i);
        const result = args.detail
          ? await storage.traces.getTrace(loaded.projectId, args.detail)
          : args.sessions
            ? await storage.traces.listSessions(args.sessions)
            : args.extent
              ? await storage.traces.traceExtent(args.extent)
              : await storage.traces.listTraces(args);
        if (!result || (result.items && result.items.length === 0))
          throw new Error(`${name}: empty result`);
      }, options.repeat);
      const http = await timeRepeated(async (i) => {
        const response = await fetch(`${server.url}${path(i)}`);
        const body = await response.json();
        if (response.status !== 200)
          throw new Error(`${name}: HTTP ${response.status} ${JSON.stringify(body)}`);
      }, options.repeat);
      console.error(
        `[${label}] ${name}: HTTP p50 ${ms(http.p50)} ms p95 ${ms(http.p95)} ms; store p50 ${ms(direct.p50)} ms`,
      );
      rows.push([label, name, ms(http.p50), ms(http.p95), ms(direct.p50), ms(direct.p95)]);
    }
    return { rows, loaded };
  } finally {
    await server.close();
  }
}

function loadedText(loaded) {
  const count = `${loaded.spans.toLocaleString('en-US')} spans`;
  return loaded.traces < TRACES
    ? `${count} (the ${options['load-budget']} s load budget ran out before ${(TRACES * 5).toLocaleString('en-US')})`
    : count;
}

function directorySizeMb(dir) {
  return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0) / 1e6;
}

async function main() {
  const rows = [];
  const loads = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'glassbox-bench-query-'));
  try {
    const storage = await openStorage({ dataDir });
    try {
      const result = await measure(storage, 'sqlite');
      rows.push(...result.rows);
      loads.push(
        `SQLite: ${loadedText(result.loaded)} loaded in ${result.loaded.seconds.toFixed(0)} s (${Math.round(result.loaded.spansPerSecond).toLocaleString('en-US')} spans/s through writeSpans in batches of ${LOAD_BATCH_TRACES * 5}), ${Math.round(directorySizeMb(dataDir))} MB on disk.`,
      );
    } finally {
      await storage.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (options.postgres) {
    if (!(await postgresAvailable())) {
      loads.push('PostgreSQL was requested but not reachable: its rows are missing.');
    } else {
      const scratch = scratchSchema('query');
      try {
        const storage = await openStorage(scratch.storageOptions);
        try {
          const result = await measure(storage, 'postgres');
          rows.push(...result.rows);
          loads.push(
            `PostgreSQL: ${loadedText(result.loaded)} loaded in ${result.loaded.seconds.toFixed(0)} s (${Math.round(result.loaded.spansPerSecond).toLocaleString('en-US')} spans/s), fresh schema, dropped after.`,
          );
        } finally {
          await storage.close();
        }
      } finally {
        await scratch.drop();
      }
    }
  }
  const table = markdownTable(
    ['backend', 'query', 'HTTP p50 ms', 'HTTP p95 ms', 'store p50 ms', 'store p95 ms'],
    rows,
  );
  const date = new Date().toISOString().slice(0, 10);
  const body = `Machine: ${describeMachine()}. Date: ${new Date().toISOString()}. ${loadAtStart}.

Data: up to ${(TRACES * 5).toLocaleString('en-US')} spans in ${TRACES.toLocaleString('en-US')} traces of 5 spans (agent, embedding,
retriever with 5 documents, chat call, tool) over 30 days, one project; about 0.6 KB of text
per chat call. Pages of ${PAGE} traces. Each query ran ${options.repeat} times after 3 warm-up runs (fewer, at least 5, if 30 s ran out);
HTTP goes through the real server over loopback (fetch, keep-alive), "store" calls
storage.traces directly in the same process.

${table}

${[...loads, SHARED_MACHINE_CAVEAT].join('\n\n')}`;
  console.log(`\n${table}\n`);
  if (!options['no-write']) {
    console.error(`Results written to ${writeResultsSection(`Query — ${date}`, body)}`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
