// Same-run A/B of where SQLite's trigram search indexes are filled, in one process: inside
// the ingest commit (triggers, as before migration 0022) or in the background (the commit
// queues the row; indexQueuedSearchText indexes it later, as the detection thread does).
// Both stores get the same decoded shape requests through writeSpans with failure
// classification, in alternating rounds; CPU time from process.cpuUsage, wall time around
// writeSpans only. The background store's indexing is timed separately after each round.
// Usage: node bench/search-index-ab.js [--shape llm-1span] [--rounds 6] [--requests 4]
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { failureClassifier } from '@glassbox/core/ingest';
import { openStorage } from '@glassbox/store';
import { prepareTraceBody } from '../packages/server/dist/services/ingest/prepare-spans.js';
import { prng } from './lib/llm-trace.js';
import { describeMachine } from './lib/machine.js';
import { freshBody, SHAPES, traceIdSource } from './lib/trace-shapes.js';

const { values } = parseArgs({
  options: {
    shape: { type: 'string', default: 'llm-1span' },
    rounds: { type: 'string', default: '6' },
    requests: { type: 'string', default: '4' },
  },
});
const rounds = Number(values.rounds);
const requests = Number(values.requests);
if (!SHAPES[values.shape]) throw new Error(`unknown shape ${values.shape}`);

/** Puts back the index-in-the-commit triggers that migration 0022 replaced. */
function indexInsideCommit(file) {
  const db = new Database(file);
  db.exec(`drop trigger search_index_queue_insert; drop trigger search_index_queue_update;
    create trigger trace_search_fts_insert after insert on trace_search begin
      insert into trace_search_fts (rowid, search_text) values (new.rowid, new.search_text); end;
    create trigger trace_search_fts_update after update of search_text on trace_search
      when old.search_text is not new.search_text begin
      delete from trace_search_fts where rowid = old.rowid;
      insert into trace_search_fts (rowid, search_text) values (new.rowid, new.search_text); end;
    create trigger trace_io_fts_insert after insert on trace_search begin
      insert into trace_io_fts (rowid, input_text, output_text)
        values (new.rowid, new.input_text, new.output_text); end;
    create trigger trace_io_fts_update after update of input_text, output_text on trace_search
      when old.input_text is not new.input_text or old.output_text is not new.output_text begin
      delete from trace_io_fts where rowid = old.rowid;
      insert into trace_io_fts (rowid, input_text, output_text)
        values (new.rowid, new.input_text, new.output_text); end;`);
  db.close();
}

const loadAtStart = os.loadavg()[0].toFixed(1);
const dirs = [mkdtempSync(join(tmpdir(), 'gb-ab-')), mkdtempSync(join(tmpdir(), 'gb-ab-'))];
const open = (dir) => openStorage({ dataDir: dir });
const inside = await open(dirs[0]);
indexInsideCommit(join(dirs[0], 'glassbox.db'));
const background = await open(dirs[1]);
const arms = [
  { name: 'index inside the commit', storage: inside, cpu: 0, wall: 0, spans: 0 },
  { name: 'index in the background', storage: background, cpu: 0, wall: 0, spans: 0 },
];
const indexing = { cpu: 0, wall: 0, rows: 0 };
const classifier = failureClassifier();
const templates = SHAPES[values.shape].build(prng(42));
const nextId = traceIdSource();
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
async function timed(work) {
  const [c0, w0] = [cpuMs(), performance.now()];
  const result = await work();
  return { result, cpu: cpuMs() - c0, wall: performance.now() - w0 };
}
try {
  for (let round = 0; round < rounds + 1; round++) {
    for (const arm of round % 2 === 0 ? arms : [...arms].reverse()) {
      const spans = [];
      for (let i = 0; i < requests; i++) {
        const t = templates[(round * requests + i) % templates.length];
        spans.push(...prepareTraceBody('default', 'protobuf', freshBody(t, nextId), 1 << 20).spans);
      }
      const write = await timed(() => arm.storage.traces.writeSpans(spans, { classifier }));
      if (round === 0) continue; // warm-up
      arm.cpu += write.cpu;
      arm.wall += write.wall;
      arm.spans += spans.length;
    }
    const drain = await timed(async () => {
      let rows = 0;
      for (let n; (n = await background.traces.indexQueuedSearchText(100)) > 0;) rows += n;
      return rows;
    });
    if (round === 0) continue;
    indexing.cpu += drain.cpu;
    indexing.wall += drain.wall;
    indexing.rows += drain.result;
  }
} finally {
  await inside.close();
  await background.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
const per = (ms, n) => ((ms * 1000) / n).toFixed(0);
const [a] = arms;
console.log(
  `${describeMachine()}. 1-minute load average at start ${loadAtStart}, at end ${os.loadavg()[0].toFixed(1)}, on ${os.cpus().length} cores.`,
);
console.log(
  `Command: node bench/search-index-ab.js --shape ${values.shape} --rounds ${rounds} --requests ${requests}`,
);
console.log('| store | writeSpans CPU µs/span | wall µs/span | spans/s (wall) | ratio to inside |');
console.log('| --- | --- | --- | --- | --- |');
for (const arm of arms) {
  console.log(
    `| ${arm.name} | ${per(arm.cpu, arm.spans)} | ${per(arm.wall, arm.spans)} | ${Math.round(
      arm.spans / (arm.wall / 1000),
    )} | ${(a.wall / arm.wall).toFixed(2)} |`,
  );
}
console.log(
  `| background indexing (detection thread's work) | ${per(indexing.cpu, indexing.rows)} | ${per(
    indexing.wall,
    indexing.rows,
  )} | ${indexing.rows} rows | |`,
);
