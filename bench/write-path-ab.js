// Same-run A/B of the ingest write path (writeSpans with failure classification, what the
// server's group commit runs on the thread that acknowledges), in one process: this tree's
// store against a built checkout of a reference commit (--before DIR, e.g. `git archive main`
// built with `npx tsc -b packages/core packages/store packages/server`, its node_modules
// linking @glassbox/* to its own packages). Both get the same decoded requests of a shape in
// alternating rounds after a warm-up round; CPU time from process.cpuUsage and wall time
// around writeSpans only. With SQLite the background search indexing this tree leaves to
// the detection thread is timed apart (it runs there, off the acknowledging thread).
// Usage: node bench/write-path-ab.js --before DIR [--shapes llm-1span,small-300b]
//        [--store sqlite,postgres] [--rounds 4] [--requests 4]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { prepareTraceBody } from '../packages/server/dist/services/ingest/prepare-spans.js';
import { prng } from './lib/llm-trace.js';
import { describeMachine } from './lib/machine.js';
import { postgresAvailable, scratchSchema } from './lib/postgres-database.js';
import { freshBody, SHAPE_NAMES, SHAPES, traceIdSource } from './lib/trace-shapes.js';

const { values } = parseArgs({
  options: {
    before: { type: 'string' },
    shapes: { type: 'string', default: 'llm-1span,rag-5span,agent-100span,small-300b' },
    store: { type: 'string', default: 'sqlite,postgres' },
    rounds: { type: 'string', default: '4' },
    requests: { type: 'string', default: '4' },
  },
});
if (!values.before) throw new Error('--before DIR (a built checkout of the reference) is required');
const rounds = Number(values.rounds);
const requests = Number(values.requests);
const shapes = values.shapes.split(',');
for (const shape of shapes) {
  if (!SHAPES[shape]) throw new Error(`unknown shape ${shape} (known: ${SHAPE_NAMES.join(', ')})`);
}
const load = async (root) => ({
  store: await import(pathToFileURL(join(root, 'packages/store/dist/index.js')).href),
  ingest: await import(pathToFileURL(join(root, 'packages/core/dist/ingest/index.js')).href),
});
const sides = {
  before: await load(resolve(values.before)),
  after: await load(resolve(import.meta.dirname, '..')),
};
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
async function timed(work) {
  const [c0, w0] = [cpuMs(), performance.now()];
  const result = await work();
  return { result, cpu: cpuMs() - c0, wall: performance.now() - w0 };
}

/** One storage per side, on fresh SQLite files or fresh PostgreSQL schemas. */
async function openSides(store) {
  const opened = {};
  for (const [name, side] of Object.entries(sides)) {
    if (store === 'sqlite') {
      const dir = mkdtempSync(join(os.tmpdir(), 'gb-ab-'));
      const storage = await side.store.openStorage({ dataDir: dir });
      opened[name] = { storage, dispose: () => rmSync(dir, { recursive: true, force: true }) };
    } else {
      const scratch = scratchSchema(`ab_${name}`);
      const storage = await side.store.openStorage(scratch.storageOptions);
      opened[name] = { storage, dispose: () => scratch.drop() };
    }
  }
  return opened;
}

async function measure(store, shape) {
  const opened = await openSides(store);
  const arms = Object.entries(opened).map(([name, { storage }]) => ({
    name,
    storage,
    classifier: sides[name].ingest.failureClassifier(),
    cpu: 0,
    wall: 0,
    spans: 0,
  }));
  const indexing = { cpu: 0, wall: 0, rows: 0 };
  const templates = SHAPES[shape].build(prng(42));
  const nextId = traceIdSource();
  try {
    for (let round = 0; round <= rounds; round++) {
      for (const arm of round % 2 === 0 ? arms : [...arms].reverse()) {
        const spans = [];
        for (let i = 0; i < requests; i++) {
          const t = templates[(round * requests + i) % templates.length];
          const body = freshBody(t, nextId);
          spans.push(...prepareTraceBody('default', 'protobuf', body, 1 << 20).spans);
        }
        const { classifier } = arm;
        const write = await timed(() => arm.storage.traces.writeSpans(spans, { classifier }));
        if (round === 0) continue; // warm-up
        arm.cpu += write.cpu;
        arm.wall += write.wall;
        arm.spans += spans.length;
      }
      const after = opened.after.storage.traces;
      const drain = await timed(async () => {
        let rows = 0;
        for (let n; (n = await after.indexQueuedSearchText(100)) > 0;) rows += n;
        return rows;
      });
      if (round === 0) continue;
      indexing.cpu += drain.cpu;
      indexing.wall += drain.wall;
      indexing.rows += drain.result;
    }
  } finally {
    for (const { storage, dispose } of Object.values(opened)) {
      await storage.close();
      await dispose();
    }
  }
  const per = (ms, n) => ((ms * 1000) / n).toFixed(0);
  const [before, after] = arms;
  const rate = (arm) => arm.spans / (arm.wall / 1000);
  const idx =
    indexing.rows > 0
      ? `; background search indexing ${per(indexing.cpu, indexing.rows)} µs CPU per trace`
      : '';
  return `| ${store} | ${SHAPES[shape].label} | ${per(before.cpu, before.spans)} | ${per(
    after.cpu,
    after.spans,
  )} | ${(before.cpu / after.cpu).toFixed(2)} | ${Math.round(rate(before))} | ${Math.round(
    rate(after),
  )} | ${(rate(after) / rate(before)).toFixed(2)} | ${after.spans} spans per side${idx} |`;
}

const loadAtStart = os.loadavg()[0].toFixed(1);
const rows = [];
for (const store of values.store.split(',')) {
  if (store === 'postgres' && !(await postgresAvailable())) {
    console.error('PostgreSQL not reachable: skipped');
    continue;
  }
  for (const shape of shapes) {
    const row = await measure(store, shape);
    console.error(row);
    rows.push(row);
  }
}
console.log(
  `${describeMachine()}. Date ${new Date().toISOString()}. 1-minute load average at start ${loadAtStart}, at end ${os.loadavg()[0].toFixed(1)}, on ${os.cpus().length} cores.`,
);
console.log(`Command: node bench/write-path-ab.js ${process.argv.slice(2).join(' ')}`);
console.log('');
console.log(
  '| store | shape | before CPU µs/span | after CPU µs/span | CPU ratio before/after | before spans/s (wall) | after spans/s (wall) | wall ratio after/before | notes |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
