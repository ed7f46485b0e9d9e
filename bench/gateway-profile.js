// Where the gateway's time goes: the Glassbox gateway and the bare Node.js proxy (floor) run
// under `node --cpu-prof` while this process sends the same sequential keep-alive requests
// to each; then each profile's CPU time is split per request into kernel socket writes,
// garbage collection, the gateway's own functions and the rest of Node's HTTP machinery.
// Usage: npm run build && node bench/gateway-profile.js [requests=6000]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const requests = Number(process.argv[2] ?? 6000);
const work = mkdtempSync(join(tmpdir(), 'glassbox-gateway-profile-'));
const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const children = [];
process.on('exit', () => {
  children.forEach((c) => c.kill('SIGKILL'));
  rmSync(work, { recursive: true, force: true });
});

/** Starts a child process and resolves with the port it reports. */
function start(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    let out = '';
    child.stdout.on('data', (data) => {
      out += data;
      const match = /listening (\d+)/.exec(out);
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}`)));
  });
}
const profiled = (name) => ['--cpu-prof', `--cpu-prof-dir=${work}`, `--cpu-prof-name=${name}`];

const upstream = await start([here('./lib/gateway-upstream.js')]);
const bare = await start([
  ...profiled('bare.cpuprofile'),
  here('./lib/bare-proxy.js'),
  String(upstream.port),
]);
const ours = await start([
  ...profiled('gateway.cpuprofile'),
  here('./lib/gateway-process.js'),
  String(upstream.port),
  join(work, 'data'),
]);

const body = JSON.stringify({
  model: 'gpt-4o-mini',
  temperature: 0,
  messages: [{ role: 'user', content: 'How long do refunds take for an order paid by card?' }],
});
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const send = (port) =>
  new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/v1/chat/completions',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': body.length },
      },
      (res) => res.resume().on('end', resolve),
    );
    req.on('error', reject);
    req.end(body);
  });
for (let i = 0; i < requests; i++) {
  await send(ours.port);
  await send(bare.port);
}

/** Stops a profiled child with SIGINT (both exit cleanly on it) and waits for its profile. */
const stop = ({ child }) =>
  new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', resolve);
    child.kill('SIGINT');
  });
await Promise.all([stop(ours), stop(bare)]);

/**
 * CPU µs per request by bucket: samples under module loading are startup (left out); the
 * rest go to the nearest gateway function on their stack, else to their leaf.
 */
function perRequest(file) {
  const profile = JSON.parse(readFileSync(join(work, file), 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const buckets = new Map();
  profile.samples.forEach((id, i) => {
    const leaf = nodes.get(id).callFrame;
    let bucket = null;
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = nodes.get(cur).callFrame;
      if (/esm\/(loader|module_job)|cjs\/loader/.test(frame.url)) return;
      if (!bucket && /packages\/[a-z]+\/dist\//.test(frame.url))
        bucket = `glassbox ${frame.url.split('/dist/')[1]} ${frame.functionName || '(anonymous)'}`;
    }
    if (leaf.functionName === '(idle)') return;
    if (leaf.functionName === 'writev' || leaf.functionName === 'writeBuffer')
      bucket = 'kernel socket writes';
    else if (leaf.functionName === '(garbage collector)') bucket = 'garbage collector';
    bucket ??= 'node http and event loop';
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return [...buckets].map(([name, us]) => [name, us / requests]).sort((a, b) => b[1] - a[1]);
}
for (const [title, file] of [
  ['Glassbox gateway', 'gateway.cpuprofile'],
  ['bare Node.js proxy', 'bare.cpuprofile'],
]) {
  const rows = perRequest(file);
  const total = rows.reduce((sum, [, us]) => sum + us, 0);
  console.log(`\n${title}: ${total.toFixed(0)} µs CPU per request (startup and idle left out)`);
  for (const [name, us] of rows.slice(0, 15))
    console.log(`${us.toFixed(1).padStart(8)} µs  ${name}`);
}
process.exit(0);
