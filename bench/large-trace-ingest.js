// Large-trace ingest benchmark: shape 4's trace (a root, 99 sub-agents, 100 tool or HTTP
// spans each) sent in parts of 200 spans, one after the other, through the real ingest
// pipeline (decode, normalize, classify, group commit) into fresh SQLite storage in this
// process. Each size runs with large traces extended from their stored summary (the default)
// and with every part re-reading and re-classifying the whole trace (largeTraceSpans:
// Infinity, the behaviour before), alternating, so the two are compared in the same run.
// Linear ingest means twice the spans take twice the time.
// Usage: npm run bench:large-trace [-- --sizes 2400,4800,10000 --rounds 3 --no-write]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { failureClassifier } from '../packages/core/dist/ingest/index.js';
import { openStorage } from '../packages/store/dist/index.js';
import { buildApp } from '../packages/server/dist/index.js';
import { IngestPipeline } from '../packages/server/dist/services/ingest/ingest-pipeline.js';
import { benchOptions } from './lib/bench-options.js';
import { prng } from './lib/llm-trace.js';
import { describeLoad, describeMachine, SHARED_MACHINE_CAVEAT } from './lib/machine.js';
import { markdownTable, writeResultsSection } from './lib/results-file.js';
import { freshBody, SHAPES, traceIdSource } from './lib/trace-shapes.js';

const loadAtStart = describeLoad();
const options = benchOptions('large-trace-ingest.js', {
  sizes: {
    env: 'BENCH_SIZES',
    default: '2400,4800,10000',
    kind: 'string',
    help: 'comma-separated span counts of the large trace (multiples of 200, up to 10,000)',
  },
  rounds: {
    env: 'BENCH_ROUNDS',
    default: 3,
    kind: 'number',
    help: 'measurements per size extended (the best is reported); re-reading runs once',
  },
  'before-max': {
    env: 'BENCH_BEFORE_MAX',
    default: 4800,
    kind: 'number',
    help: 'largest size also measured re-reading the whole trace per part (quadratic: slow)',
  },
  'no-write': {
    env: 'BENCH_NO_WRITE',
    default: false,
    kind: 'boolean',
    help: 'print the results without writing bench/RESULTS.md',
  },
});

const sizes = options.sizes.split(',').map(Number);
for (const size of sizes) {
  if (!Number.isInteger(size) || size < 200 || size > 10_000 || size % 200 !== 0) {
    console.error(
      `large-trace-ingest.js: size ${size} must be a multiple of 200 from 200 to 10,000`,
    );
    process.exit(2);
  }
}
const parts = SHAPES['large-trace'].buildLarge(prng(4));
const nextId = traceIdSource();

/** Milliseconds to ingest the first `size` spans of the large trace, part by part. */
async function measure(size, largeTraceSpans, inspect) {
  const dir = mkdtempSync(join(tmpdir(), 'glassbox-large-trace-'));
  const storage = await openStorage({ dataDir: dir });
  const pipeline = new IngestPipeline(storage.traces, {
    thresholdsOf: (projectId) => storage.projects.getThresholds(projectId),
    ...(largeTraceSpans === undefined ? {} : { largeTraceSpans }),
  });
  try {
    const traceId = nextId();
    const bodies = parts.slice(0, size / 200).map((t) => freshBody(t, nextId, traceId));
    const partMs = [];
    const started = performance.now();
    for (const body of bodies) {
      const at = performance.now();
      const result = await pipeline.ingestTraceBody('default', 'protobuf', body);
      if (result.accepted !== 200) throw new Error(`part accepted ${result.accepted} of 200`);
      partMs.push(performance.now() - at);
    }
    const ingestMs = performance.now() - started;
    const id = traceId.toString('hex');
    const stored = await storage.traces.getTrace('default', id);
    if (stored?.trace.spanCount !== size || stored.spans.length !== size)
      throw new Error(`stored ${stored?.spans.length} spans, summary ${stored?.trace.spanCount}`);
    // What the detection thread does once the trace is quiet (off the ingest thread).
    const at = performance.now();
    if (largeTraceSpans === undefined) {
      await storage.traces.classifyTraces(
        [{ projectId: 'default', traceId: id }],
        failureClassifier(),
      );
    }
    const classifyMs = performance.now() - at;
    const detail = inspect ? await inspect(storage, id, stored.spans[1].spanId) : undefined;
    return { ingestMs, lastPartMs: partMs.at(-1), classifyMs, detail };
  } finally {
    await pipeline.close();
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const MODES = [
  { name: 'extended (default)', largeTraceSpans: undefined },
  { name: 're-read whole (before)', largeTraceSpans: Infinity },
];
// Warm-up: JIT and the page cache, discarded.
for (const mode of MODES) await measure(1000, mode.largeTraceSpans);
const best = new Map();
for (let round = 0; round < options.rounds; round++) {
  for (const size of sizes) {
    for (const mode of MODES) {
      if (mode.largeTraceSpans !== undefined && (round > 0 || size > options['before-max']))
        continue;
      const result = await measure(size, mode.largeTraceSpans);
      const key = `${mode.name}|${size}`;
      const prior = best.get(key);
      if (!prior || result.ingestMs < prior.ingestMs) best.set(key, result);
      console.log(
        `${mode.name}, ${size} spans: ${result.ingestMs.toFixed(0)} ms ingest, last part ${result.lastPartMs.toFixed(0)} ms`,
      );
    }
  }
}

/** p50 and size of GET `url` through the server's routes (app.inject: no socket). */
async function timeRoute(app, url, calls) {
  const times = [];
  let bytes = 0;
  for (let i = 0; i < calls + 2; i++) {
    const at = performance.now();
    const res = await app.inject(url);
    const elapsed = performance.now() - at;
    if (res.statusCode !== 200)
      throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    bytes = res.rawPayload.length;
    if (i >= 2) times.push(elapsed);
  }
  times.sort((a, b) => a - b);
  return { p50Ms: times[Math.floor(times.length / 2)], bytes };
}

// Trace detail of the whole 10,000-span trace: outline, one span, and the full detail.
const full = await measure(10_000, undefined, async (storage, traceId, spanId) => {
  const app = await buildApp({
    storage,
    host: '127.0.0.1',
    port: 0,
    ingestThreads: 0,
    detection: { enabled: false },
    retention: { enabled: false },
  });
  await app.ready();
  try {
    return {
      outline: await timeRoute(app, `/api/traces/${traceId}/outline`, 15),
      span: await timeRoute(app, `/api/traces/${traceId}/spans/${spanId}`, 15),
      detail: await timeRoute(app, `/api/traces/${traceId}`, 3),
    };
  } finally {
    await app.close();
  }
});

const ms = (n) => Math.round(n).toLocaleString('en-US');
const rows = [];
for (const mode of MODES) {
  const base = best.get(`${mode.name}|${sizes[0]}`);
  for (const size of sizes) {
    const r = best.get(`${mode.name}|${size}`);
    if (!r) continue;
    rows.push([
      mode.name,
      size.toLocaleString('en-US'),
      ms(r.ingestMs),
      (r.ingestMs / base.ingestMs).toFixed(2),
      (size / sizes[0]).toFixed(2),
      ms(r.lastPartMs),
      Math.round((size / r.ingestMs) * 1000).toLocaleString('en-US'),
      mode.largeTraceSpans === undefined ? ms(r.classifyMs) : '',
    ]);
  }
}
const table = markdownTable(
  [
    'mode',
    'spans',
    'ingest ms',
    `time vs ${sizes[0].toLocaleString('en-US')}`,
    'spans vs',
    'last part ms',
    'spans/s',
    'classify whole once quiet, ms (detection thread)',
  ],
  rows,
);
const kb = (n) => `${Math.round(n / 1024).toLocaleString('en-US')} KB`;
const detailTable = markdownTable(
  ['route', 'p50 ms', 'response'],
  [
    ['GET /api/traces/:id/outline (waterfall)', full.detail.outline, 15],
    ['GET /api/traces/:id/spans/:spanId (inspector)', full.detail.span, 15],
    ['GET /api/traces/:id (every span whole)', full.detail.detail, 3],
  ].map(([route, r]) => [route, r.p50Ms.toFixed(1), kb(r.bytes)]),
);
const body = `Machine: ${describeMachine()}. Date: ${new Date().toISOString()}. ${loadAtStart}.

Command: \`npm run bench:large-trace -- --sizes ${options.sizes} --rounds ${options.rounds} --before-max ${options['before-max']}\`.
Shape 4's trace sent in parts of 200 spans, one at a time, through the ingest pipeline
(protobuf decode, normalize, failure classification, group commit) into fresh SQLite storage,
in one process; extended: best of ${options.rounds} per row; re-read whole: once per size up to
${options['before-max'].toLocaleString('en-US')} spans (its cost grows with the square of the size). "Extended" folds
each part into the stored summary once the trace holds 1,000 spans and leaves classification
to the detection thread (its cost, one classifyTraces of the whole trace, in the last column);
"re-read whole" is every part re-reading and re-classifying all stored spans.

${table}

Trace detail of the 10,000-span trace (SQLite, after it was ingested as above), through the
server's routes with \`app.inject\` (validation and serialization, no socket), p50 after two
warm-up calls:

${detailTable}

${SHARED_MACHINE_CAVEAT}`;
console.log(`\n${table}\n\n${detailTable}`);
if (!options['no-write']) {
  const path = writeResultsSection(
    `Large-trace ingest — ${new Date().toISOString().slice(0, 10)}`,
    body,
  );
  console.log(`written to ${path}`);
}
