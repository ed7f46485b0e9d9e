// Ingest benchmark: sustained OTLP/HTTP protobuf ingest of realistic LLM traces into a real
// Glassbox server (own process) from a separate load process, for SQLite and PostgreSQL,
// next to the in-process raw limit (decode + normalize + batched writeSpans) of the same run.
// Usage: npm run bench:ingest [-- --duration 20 --connections 8 --batch 20 --backends sqlite,postgres]
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchOptions } from './lib/bench-options.js';
import { describeLoad, describeMachine, SHARED_MACHINE_CAVEAT } from './lib/machine.js';
import { postgresAvailable, scratchSchema } from './lib/postgres-database.js';
import { measureRawLimit } from './lib/raw-limit.js';
import { markdownTable, writeResultsSection } from './lib/results-file.js';
import { ms } from './lib/stats.js';

const loadAtStart = describeLoad();
const options = benchOptions('ingest.js', {
  duration: {
    env: 'BENCH_DURATION_S',
    default: 20,
    kind: 'number',
    help: 'seconds of load per measurement',
  },
  connections: {
    env: 'BENCH_CONNECTIONS',
    default: 8,
    kind: 'number',
    help: 'concurrent HTTP connections',
  },
  batch: {
    env: 'BENCH_BATCH_TRACES',
    default: 20,
    kind: 'number',
    help: 'traces (x5 spans) per request',
  },
  backends: {
    env: 'BENCH_BACKENDS',
    default: 'sqlite,postgres',
    kind: 'string',
    help: 'comma-separated backends',
  },
  'no-write': {
    env: 'BENCH_NO_WRITE',
    default: false,
    kind: 'boolean',
    help: 'do not update bench/RESULTS.md',
  },
});
const durationMs = options.duration * 1000;

/** Fresh storage for one measurement, and its cleanup. */
async function freshStorage(backend, label) {
  if (backend === 'sqlite') {
    const dataDir = mkdtempSync(join(tmpdir(), `glassbox-bench-${label}-`));
    return {
      options: { dataDir },
      cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const scratch = scratchSchema(label);
  return { options: scratch.storageOptions, cleanup: () => scratch.drop() };
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

async function measureHttp(storageOptions, classify) {
  const server = fork(new URL('./server-process.js', import.meta.url), {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  try {
    server.send({ storage: storageOptions, classifyFailures: classify });
    const { url } = await once(server, 'listening');
    const load = fork(new URL('./load-generator.js', import.meta.url), {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    load.send({
      url,
      durationMs,
      connections: options.connections,
      tracesPerBatch: options.batch,
      seed: 42,
    });
    const { result } = await once(load, 'result');
    server.send('stop');
    const { peakRssMb } = await once(server, 'stopped');
    return { ...result, peakRssMb };
  } finally {
    server.kill();
  }
}

async function main() {
  const backends = options.backends
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const rows = [];
  const notes = [];
  for (const backend of backends) {
    if (backend !== 'sqlite' && backend !== 'postgres')
      throw new Error(`unknown backend "${backend}"`);
    if (backend === 'postgres' && !(await postgresAvailable())) {
      notes.push('PostgreSQL was not reachable: its rows are missing from this run.');
      continue;
    }
    // With and without failure classification, alternating in one run so load drifts hit both.
    for (const classify of [true, false]) {
      const mode = classify ? 'classified' : 'not classified';
      console.error(`[${backend}] raw limit (${mode}) for ${options.duration}s of work...`);
      const rawStorage = await freshStorage(backend, 'raw');
      let raw;
      try {
        raw = await measureRawLimit({
          storageOptions: rawStorage.options,
          durationMs,
          tracesPerBatch: options.batch,
          seed: 42,
          classify,
        });
      } finally {
        await rawStorage.cleanup();
      }
      console.error(`[${backend}] raw (${mode}): ${Math.round(raw.spansPerSecond)} spans/s`);
      console.error(`[${backend}] HTTP (${mode}): ${options.connections} connections...`);
      const httpStorage = await freshStorage(backend, 'http');
      let http;
      try {
        http = await measureHttp(httpStorage.options, classify);
      } finally {
        await httpStorage.cleanup();
      }
      console.error(
        `[${backend}] HTTP (${mode}): ${Math.round(http.spansPerSecond)} spans/s, p50 ${ms(http.p50Ms)} ms, p99 ${ms(http.p99Ms)} ms`,
      );
      if (http.failed > 0)
        notes.push(`${backend}: ${http.failed} requests failed: ${JSON.stringify(http.errors)}`);
      rows.push([
        backend,
        mode,
        'raw limit (in-process)',
        Math.round(raw.spansPerSecond).toLocaleString('en-US'),
        '1.00',
        '',
        '',
        '',
        `${raw.spans.toLocaleString('en-US')} spans; per span ${raw.decodeMicrosPerSpan.toFixed(0)} µs decode + check + normalize, ${raw.writeMicrosPerSpan.toFixed(0)} µs writeSpans${classify ? ' (with classification)' : ''}`,
      ]);
      rows.push([
        backend,
        mode,
        'OTLP/HTTP protobuf',
        Math.round(http.spansPerSecond).toLocaleString('en-US'),
        (http.spansPerSecond / raw.spansPerSecond).toFixed(2),
        ms(http.p50Ms),
        ms(http.p99Ms),
        Math.round(http.peakRssMb).toString(),
        `${http.requests.toLocaleString('en-US')} requests (${http.spans.toLocaleString('en-US')} spans), ${http.throttled} throttled, ${http.failed} failed; load process CPU ${(http.generatorCpuShare * 100).toFixed(0)} %`,
      ]);
    }
  }
  const table = markdownTable(
    [
      'backend',
      'failure classification',
      'path',
      'spans/s',
      'vs raw',
      'ack p50 ms',
      'ack p99 ms',
      'server peak RSS MB',
      'notes',
    ],
    rows,
  );
  const date = new Date().toISOString().slice(0, 10);
  const body = `Machine: ${describeMachine()}. Date: ${new Date().toISOString()}. ${loadAtStart}.

Workload: traces of 5 spans (agent root, embedding, retriever with 5 documents, chat call with
about 4 KB of prompt and output in gen_ai.input.messages / gen_ai.output.messages, tool call),
${options.batch} traces (${options.batch * 5} spans, about ${Math.round(options.batch * 9)} KB) per OTLP protobuf request,
${options.connections} keep-alive connections over loopback from a separate load process, ${options.duration} s per
measurement. Acknowledgement latency is request sent to 200 received (200 means committed).
The raw limit runs in the benchmark process on fresh storage: the same bodies decoded with
the server's decoder, checked, normalized, and written with writeSpans in batches of 1,000,
timing only that work. Each path runs with failure classification (the default: findings of\nevery touched trace recomputed inside the write, with the project's thresholds read per\ncommit) and without it (classifyFailures: false), one after the other. PostgreSQL rows use a fresh schema per measurement, dropped after.

${table}

${[SHARED_MACHINE_CAVEAT, ...notes].join('\n\n')}`;
  console.log(`\n${table}\n`);
  if (!options['no-write']) {
    const path = writeResultsSection(`Ingest — ${date}`, body);
    console.error(`Results written to ${path}`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
