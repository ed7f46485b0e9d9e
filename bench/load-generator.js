// The load process of bench/ingest.js, run with child_process.fork so that building and
// encoding requests never shares a CPU budget accounting with the server under test.
// Receives { url, durationMs, connections, tracesPerBatch, seed } over IPC, sends back totals.
import http from 'node:http';
import { makeBatch, prng } from './lib/llm-trace.js';
import { percentile } from './lib/stats.js';

process.once('message', async (config) => {
  try {
    process.send({ type: 'result', result: await runLoad(config) });
  } catch (error) {
    process.send({ type: 'error', message: error instanceof Error ? error.stack : String(error) });
  }
  process.disconnect();
});

async function runLoad({ url, durationMs, connections, tracesPerBatch, seed, apiKey }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL('/v1/traces', url);
  const random = prng(seed);
  const latencies = [];
  const totals = { spans: 0, requests: 0, throttled: 0, failed: 0, bytes: 0, errors: new Map() };
  let nextTrace = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  const cpuBefore = process.cpuUsage();

  async function connection() {
    while (performance.now() < deadline) {
      const batch = makeBatch(random, nextTrace, tracesPerBatch);
      nextTrace += tracesPerBatch;
      const sent = performance.now();
      const response = await post(agent, target, batch.body, apiKey);
      const elapsed = performance.now() - sent;
      totals.bytes += batch.body.length;
      if (response.status === 200) {
        totals.requests += 1;
        totals.spans += batch.spans;
        latencies.push(elapsed);
      } else if (response.status === 429 || response.status === 503) {
        totals.throttled += 1;
        const retryAfter = Number(response.retryAfter) || 0.1;
        await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
      } else {
        totals.failed += 1;
        const key = `${response.status} ${response.body.slice(0, 200)}`;
        totals.errors.set(key, (totals.errors.get(key) ?? 0) + 1);
      }
    }
  }

  await Promise.all(Array.from({ length: connections }, connection));
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
    spansPerSecond: totals.spans / (elapsedMs / 1000),
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    generatorCpuShare: (cpu.user + cpu.system) / 1000 / elapsedMs,
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
