// The load process of bench/ingest.js, run with child_process.fork so that building and
// sending requests never shares a CPU budget accounting with the server under test.
// Receives { url, durationMs, connections, shape, seed, ratePerSecond?, apiKey? } over IPC,
// sends back totals. Without ratePerSecond every connection sends as fast as it is answered;
// with it, requests start on a fixed schedule (open loop) so latency at a given rate shows.
import http from 'node:http';
import { prng } from './lib/llm-trace.js';
import { percentile } from './lib/stats.js';
import { freshBody, SHAPES, traceIdSource } from './lib/trace-shapes.js';

process.once('message', async (config) => {
  try {
    process.send({ type: 'result', result: await runLoad(config) });
  } catch (error) {
    process.send({ type: 'error', message: error instanceof Error ? error.stack : String(error) });
  }
  process.disconnect();
});

/**
 * The request source of a shape: `next(connection)` gives { body, spans }. For the large
 * trace shape, connection 0 sends the 50 parts of one 10,000-span trace after another (a new
 * trace id each round) while the other connections send five-span traces; past the deadline
 * it finishes the trace it is sending, so every run stores at least one whole large trace.
 */
function requestSource(shape, seed) {
  const spec = SHAPES[shape];
  if (!spec) throw new Error(`unknown shape "${shape}"`);
  const random = prng(seed);
  const templates = spec.build(random);
  const large = spec.buildLarge?.(random);
  const nextId = traceIdSource();
  let turn = 0;
  let part = 0;
  let largeId;
  const largeTraceIds = [];
  return {
    largeTraceIds,
    /** Whether connection `c` must go on past the deadline: to finish at least one large trace. */
    owesLargeTrace: (c) => Boolean(large) && c === 0 && (part !== 0 || largeTraceIds.length === 0),
    next(connection) {
      if (large && connection === 0) {
        if (part === 0) largeId = nextId();
        const t = large[part];
        part = (part + 1) % large.length;
        if (part === 0) largeTraceIds.push(largeId.toString('hex'));
        return { body: freshBody(t, nextId, largeId), spans: t.spans };
      }
      const t = templates[turn++ % templates.length];
      return { body: freshBody(t, nextId), spans: t.spans };
    },
  };
}

async function runLoad({ url, durationMs, connections, shape, seed, ratePerSecond, apiKey }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL('/v1/traces', url);
  const source = requestSource(shape, seed);
  const latencies = [];
  const totals = { spans: 0, requests: 0, throttled: 0, failed: 0, bytes: 0, errors: new Map() };
  // Spans acknowledged within the run's duration: the rate is theirs over that duration, so
  // finishing an owed large trace afterwards does not dilute it.
  let spansInTime = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  const cpuBefore = process.cpuUsage();
  const interval = ratePerSecond ? (1000 * connections) / ratePerSecond : 0;

  // Throttled requests are sent again after Retry-After, as an OTLP exporter does, while the
  // run lasts (or the large trace is owed); acknowledgement latency is that of the last try.
  async function send(connection) {
    const request = source.next(connection);
    for (;;) {
      const sent = performance.now();
      const response = await post(agent, target, request.body, apiKey);
      const elapsed = performance.now() - sent;
      totals.bytes += request.body.length;
      if (response.status === 200) {
        totals.requests += 1;
        totals.spans += request.spans;
        if (performance.now() <= deadline) spansInTime += request.spans;
        latencies.push(elapsed);
        return;
      }
      if (response.status !== 429 && response.status !== 503) {
        totals.failed += 1;
        const key = `${response.status} ${response.body.slice(0, 200)}`;
        totals.errors.set(key, (totals.errors.get(key) ?? 0) + 1);
        return;
      }
      totals.throttled += 1;
      const retryAfter = Number(response.retryAfter) || 0.1;
      await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
      if (performance.now() >= deadline && !source.owesLargeTrace(connection)) return;
    }
  }

  async function connection(index) {
    // Open loop: each connection starts its requests on its own schedule, staggered.
    let due = started + (interval * index) / connections;
    while (performance.now() < deadline || source.owesLargeTrace(index)) {
      // Past the deadline, an owed large trace is finished at once, not at the paced rate.
      if (interval > 0 && performance.now() < deadline) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        due += interval;
        if (performance.now() >= deadline && !source.owesLargeTrace(index)) break;
      }
      await send(index);
    }
  }

  await Promise.all(Array.from({ length: connections }, (_, i) => connection(i)));
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    elapsedMs,
    spans: totals.spans,
    requests: totals.requests,
    throttled: totals.throttled,
    failed: totals.failed,
    errors: [...totals.errors.entries()].slice(0, 5),
    megabytesSent: totals.bytes / 1e6,
    spansPerSecond: spansInTime / (durationMs / 1000),
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    generatorCpuShare: (cpu.user + cpu.system) / 1000 / elapsedMs,
    largeTraceIds: source.largeTraceIds,
  };
}

function post(agent, target, body, apiKey) {
  return new Promise((resolve, reject) => {
    const headers = {
      'content-type': 'application/x-protobuf',
      'content-length': body.length,
      ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
    };
    const request = http.request(target, { method: 'POST', agent, headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode,
          retryAfter: response.headers['retry-after'],
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}
