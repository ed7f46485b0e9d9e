// Retention on PostgreSQL with spans partitioned by day: dropping an expired day's partition
// against deleting the same rows.
// 1. Raw: the written day's spans copied `--raw-copies` times into each of the next two days
//    (new span ids, project `raw`); `DELETE` of one day's rows against dropping the other's
//    partition, which holds the same rows shifted by a day.
// 2. Sweep: the same traces written into two schemas; the retention sweep drops the day in
//    one; in the other one span of a project that keeps its traces forever shares the day,
//    so the same sweep deletes every expired span row by row (as it did before partitioning,
//    and still does on SQLite). Sweep time sums the sweep calls, pauses left out.
// Usage: npm run bench:partition [-- --traces 2000 --raw-copies 20 --sweep-batch 25,1000]
import pg from 'pg';
import { openStorage } from '@glassbox/store';
import { benchOptions } from './lib/bench-options.js';
import { prng } from './lib/llm-trace.js';
import { DATABASE_URL, postgresAvailable, scratchSchema } from './lib/postgres-database.js';
import { datasetTrace } from './lib/query-dataset.js';
import { describeLoad, describeMachine, SHARED_MACHINE_CAVEAT } from './lib/machine.js';
import { markdownTable, writeResultsSection } from './lib/results-file.js';
import { ms } from './lib/stats.js';

const loadAtStart = describeLoad();
const options = benchOptions('partition-drop.js', {
  traces: {
    env: 'BENCH_PARTITION_TRACES',
    default: 2_000,
    kind: 'number',
    help: 'expired traces (5 spans each) in the day',
  },
  'raw-copies': {
    env: 'BENCH_RAW_COPIES',
    default: 20,
    kind: 'number',
    help: 'copies of the day in each of the two raw-comparison partitions',
  },
  'sweep-batch': {
    env: 'BENCH_SWEEP_BATCH',
    default: '25,1000',
    kind: 'string',
    help: 'traces per retention sweep call, a list: one pair of schemas each (server: 25)',
  },
});
const DAY = 86_400_000;
const today = Math.floor(Date.now() / DAY);
const dayName = (day) =>
  `spans_p${new Date(day * DAY).toISOString().slice(0, 10).replace(/-/g, '')}`;

if (!(await postgresAvailable())) {
  console.log(`PostgreSQL does not answer at ${DATABASE_URL}; nothing measured.`);
  process.exit(0);
}

/** Writes `count` traces starting within today (the last ones may run past midnight). */
async function writeDay(storage, count) {
  const random = prng(26);
  const total = count * 30;
  for (let first = 0; first < count; first += 1_000) {
    const spans = [];
    for (let i = first; i < Math.min(count, first + 1_000); i++) {
      spans.push(...datasetTrace(random, i, total, 'default', (today + 30) * DAY));
    }
    await storage.traces.writeSpans(spans);
  }
}

/** Sweeps until nothing is left, as the server's sweeper would 40 days from now. */
async function sweepAll(storage, batch) {
  const now = Date.now() + 40 * DAY;
  // A first sweep at that `now`, with nothing expired yet, makes the partitions for its days
  // ahead (a running server makes them one day at a time), so the timing does not hold that.
  await storage.maintenance.sweepExpired(now, 1);
  await storage.maintenance.setRetention('default', { traceDays: 30, contentDays: null });
  let elapsed = 0;
  const total = { tracesDeleted: 0, spansDeleted: 0, calls: 0 };
  for (;;) {
    const started = performance.now();
    const result = await storage.maintenance.sweepExpired(now, batch);
    elapsed += performance.now() - started;
    total.tracesDeleted += result.tracesDeleted;
    total.spansDeleted += result.spansDeleted;
    total.calls++;
    if (!result.more) return { ...total, ms: elapsed };
  }
}

async function timed(client, text) {
  const started = performance.now();
  const result = await client.query(text);
  return { ms: performance.now() - started, rows: result.rowCount };
}

/** Two schemas holding the same day: in one it can be dropped, in the other it cannot. */
async function openPair(label) {
  const pair = ['drop', 'rows'].map((side) => scratchSchema(`partition_${label}_${side}`));
  schemas.push(...pair);
  const [dropping, deleting] = await Promise.all(pair.map((s) => openStorage(s.storageOptions)));
  await writeDay(dropping, options.traces);
  await writeDay(deleting, options.traces);
  await deleting.traces.writeSpans(
    datasetTrace(prng(1), 0, 30, 'keeper', (today + 30) * DAY).map((s) => ({
      ...s,
      startMs: today * DAY + 1_000,
    })),
  );
  // A running server meets one expired day at a time: the empty partitions made around today
  // go first, on both sides, so the sweep measured drops the one day that holds the traces.
  for (const { schema } of pair) {
    const client = new pg.Client({
      connectionString: DATABASE_URL,
      options: `-c search_path=${schema}`,
    });
    await client.connect();
    try {
      for (const day of [-1, 1, 2, 3].map((d) => today + d)) {
        const { rows } = await client.query(`select count(*)::int as n from ${dayName(day)}`);
        if (rows[0].n === 0) await client.query(`drop table ${dayName(day)}`);
      }
    } finally {
      await client.end();
    }
  }
  return { dropping, deleting, schema: pair[0].schema };
}

/** Raw, in a schema of its own: the day's spans copied into the next two days, one day
 * deleted, the other dropped. */
async function rawComparison(sourceSchema) {
  const target = scratchSchema('partition_raw');
  schemas.push(target);
  const storage = await openStorage(target.storageOptions);
  const client = new pg.Client({
    connectionString: DATABASE_URL,
    options: `-c search_path=${target.schema}`,
  });
  await client.connect();
  try {
    const { rows: columns } = await client.query(`select column_name as name
      from information_schema.columns
      where table_schema = current_schema() and table_name = 'spans' order by ordinal_position`);
    const copyInto = async (day) => {
      const shifted = {
        project_id: `'raw'`,
        span_id: `span_id || '-' || k`,
        start_ms: `start_ms + ${(day - today) * DAY}`,
      };
      const list = columns.map((c) => shifted[c.name] ?? `"${c.name}"`).join(', ');
      await client.query(`insert into spans select ${list}
        from "${sourceSchema}".${dayName(today)}
        cross join generate_series(1, ${options['raw-copies']}) as k
        where start_ms < ${(today + 1) * DAY}`);
    };
    await copyInto(today + 1);
    await copyInto(today + 2);
    await client.query('analyze spans');
    const size = async (day) =>
      Number(
        (await client.query(`select pg_total_relation_size('${dayName(day)}') as b`)).rows[0].b,
      );
    const bytes = await size(today + 1);
    const deleted = await timed(
      client,
      `delete from spans where start_ms >= ${(today + 1) * DAY} and start_ms < ${(today + 2) * DAY}`,
    );
    const bytesAfterDelete = await size(today + 1);
    await client.query('begin');
    const locked = await timed(client, 'lock table spans in access exclusive mode');
    const drop = await timed(client, `drop table ${dayName(today + 2)}`);
    await client.query('commit');
    const mib = (b) => `${(b / 2 ** 20).toFixed(1)} MiB`;
    return [
      `one day's spans (${deleted.rows.toLocaleString()} rows, ${mib(bytes)})`,
      `drop partition: ${ms(locked.ms + drop.ms)} ms, all ${mib(bytes)} freed`,
      `DELETE: ${ms(deleted.ms)} ms, ${mib(bytesAfterDelete)} still on disk until VACUUM`,
      `${((locked.ms + drop.ms) / deleted.ms).toFixed(4)}x`,
    ];
  } finally {
    await client.end();
    await storage.close();
  }
}

const schemas = [];
const rows = [];
const batches = String(options['sweep-batch']).split(',').map(Number);
try {
  const traces = options.traces;
  let writeS = 0;
  for (const [i, batch] of batches.entries()) {
    const started = performance.now();
    const { dropping, deleting, schema } = await openPair(`b${batch}`);
    writeS = (performance.now() - started) / 2_000;
    if (i === 0) rows.push(await rawComparison(schema));
    const swept = await sweepAll(dropping, batch);
    const reference = await sweepAll(deleting, batch);
    rows.push([
      `retention sweep of the day (${swept.tracesDeleted.toLocaleString()} traces, ${swept.spansDeleted.toLocaleString()} spans), batches of ${batch}`,
      `drops the partition: ${ms(swept.ms)} ms in ${swept.calls} calls`,
      `deletes row by row (${reference.tracesDeleted.toLocaleString()} traces, ${reference.spansDeleted.toLocaleString()} spans): ${ms(reference.ms)} ms in ${reference.calls} calls`,
      `${(swept.ms / reference.ms).toFixed(3)}x`,
    ]);
    await Promise.all([dropping, deleting].map((s) => s.close()));
  }

  const body = [
    `Machine: ${describeMachine()}. ${loadAtStart}. Date: ${new Date().toISOString()}.`,
    '',
    `Command: \`node bench/partition-drop.js --traces ${traces} --raw-copies ${options['raw-copies']} --sweep-batch ${options['sweep-batch']}\` ` +
      `(PostgreSQL 15 at ${new URL(DATABASE_URL).host}; writing the ${traces.toLocaleString()} traces took ${writeS.toFixed(0)} s).`,
    '',
    markdownTable(['what', 'partitioned: drop', 'reference, same run: delete', 'ratio'], rows),
    '',
    'The sweep on the partitioned side still deletes the traces’ summary, text, search and ' +
      'finding rows one batch at a time; only the spans (the bulk: content, attributes, ' +
      'events) go with the partition. Where a sweep ratio is above 1, the statements the ' +
      'partitioned sweep adds to each call (finding the droppable days, deleting from the ' +
      'default partition apart, checking that no expired trace is left, the drop) cost more ' +
      'than the span rows they spare at this size. The DELETE in the first row grows with ' +
      'the day’s rows and leaves them on disk for VACUUM; the drop does neither.',
    '',
    SHARED_MACHINE_CAVEAT,
  ].join('\n');
  console.log(body);
  writeResultsSection(
    `PostgreSQL day partitions: drop vs delete (${new Date().toISOString().slice(0, 10)})`,
    body,
  );
} finally {
  await Promise.all(schemas.map((s) => s.drop()));
}
