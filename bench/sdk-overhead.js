// Added cost of instrumentOpenAI per call, excluding export: the same openai client with and
// without instrumentation, against an in-process fetch (no network) and a no-op exporter.
// Usage: npm run bench:sdk [-- callsPerRound rounds]; results go to bench/RESULTS.md.
import OpenAI from 'openai';
import {
  guardToolCall,
  guardedModelCall,
  idempotentTool,
  init,
  instrumentOpenAI,
  withBudget,
} from '@glassbox/sdk';
import { BreakerRegistry, LoopGuard, MemoryBudgetLedger } from '@glassbox/core/guards';
import { describeLoad, describeMachine, SHARED_MACHINE_CAVEAT } from './lib/machine.js';
import { markdownTable, writeResultsSection } from './lib/results-file.js';

const callsPerRound = Number(process.argv[2] ?? 2000);
const rounds = Number(process.argv[3] ?? 7);

const completion = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'gpt-4o-mini-2024-07-18',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: 'Refunds take 5 business days.' },
      finish_reason: 'stop',
    },
  ],
  usage: {
    prompt_tokens: 120,
    completion_tokens: 9,
    total_tokens: 129,
    prompt_tokens_details: { cached_tokens: 0 },
  },
});
const chunks = [
  {
    choices: [{ index: 0, delta: { role: 'assistant', content: 'Refunds ' }, finish_reason: null }],
  },
  { choices: [{ index: 0, delta: { content: 'take 5 business days.' }, finish_reason: null }] },
  { choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
];
const sse =
  chunks
    .map(
      (c) =>
        `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', ...c })}\n\n`,
    )
    .join('') + 'data: [DONE]\n\n';

async function fakeFetch(_url, init) {
  const stream = JSON.parse(init.body).stream === true;
  return new Response(stream ? sse : completion, {
    status: 200,
    headers: {
      'content-type': stream ? 'text/event-stream' : 'application/json',
      'x-request-id': 'req_bench',
    },
  });
}

const messages = [
  {
    role: 'system',
    content:
      'You answer questions about refunds, shipping and orders. Be brief and cite the policy.',
  },
  { role: 'user', content: 'How long do refunds take for an order paid by card?' },
];

const noopExporter = { export: (_spans, done) => done({ code: 0 }), shutdown: async () => {} };
const glassbox = init({
  exporter: noopExporter,
  serviceName: 'bench',
  maxQueueSize: 1_000_000,
  scheduledDelayMillis: 50,
  env: {},
});

const bare = new OpenAI({
  apiKey: 'bench',
  baseURL: 'http://bench.invalid/v1',
  fetch: fakeFetch,
  maxRetries: 0,
});
const instrumented = instrumentOpenAI(
  new OpenAI({
    apiKey: 'bench',
    baseURL: 'http://bench.invalid/v1',
    fetch: fakeFetch,
    maxRetries: 0,
  }),
);

const plainCall = (client) =>
  client.chat.completions.create({ model: 'gpt-4o-mini', messages, temperature: 0 });
async function streamCall(client) {
  const stream = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages,
    stream: true,
  });
  for await (const _chunk of stream);
}

// Wall time and this process's CPU time per call: on a shared machine other processes stretch
// wall time, while CPU time counts only the work this process did.
async function timeRound(call, client) {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (let i = 0; i < callsPerRound; i++) await call(client);
  const wall = Number(process.hrtime.bigint() - started) / callsPerRound;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: ((used.user + used.system) * 1000) / callsPerRound };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measure(name, call) {
  for (let i = 0; i < 300; i++) {
    await call(bare);
    await call(instrumented);
  }
  const bareRounds = [];
  const instrumentedRounds = [];
  for (let r = 0; r < rounds; r++) {
    bareRounds.push(await timeRound(call, bare));
    instrumentedRounds.push(await timeRound(call, instrumented));
  }
  const b = median(bareRounds.map((t) => t.wall));
  const i = median(instrumentedRounds.map((t) => t.wall));
  const bCpu = median(bareRounds.map((t) => t.cpu));
  const iCpu = median(instrumentedRounds.map((t) => t.cpu));
  return { name, bare: b, instrumented: i, added: i - b, ratio: i / b, addedCpu: iCpu - bCpu };
}

const results = [
  await measure('chat.completions.create', plainCall),
  await measure('chat.completions.create (stream)', streamCall),
];

// The guards around a call that does nothing (a resolved promise), against calling it bare:
// what each guard adds per call, with its state (loop counts, breakers, ledger, keys) live.
const work = () => Promise.resolve('ok');
const breakers = new BreakerRegistry();
const ledger = new MemoryBudgetLedger();
const limits = [{ scope: 'project', id: 'bench', period: 'month', maxUsd: 1e12 }];
let loop = new LoopGuard({ maxSteps: 1e9 });
let n = 0;
const tool = idempotentTool({
  name: 'book',
  timeoutMs: 10_000,
  run: work,
  statusCheck: () => Promise.resolve(undefined),
});
const guardCases = [
  ['loop guard (guardToolCall)', () => guardToolCall(loop, 'search', { q: n++ }, work)],
  [
    'breaker + retry planner (guardedModelCall)',
    () =>
      guardedModelCall([{ provider: 'p', model: 'm', maxAttempts: 3, call: work }], { breakers }),
  ],
  [
    'budget reserve + settle (withBudget)',
    () =>
      withBudget(
        {
          ledger,
          limits,
          estimate: { usd: 0.001, tokens: 500 },
          actual: () => ({ usd: 0.0005, tokens: 300 }),
        },
        work,
      ),
  ],
  ['idempotent tool (idempotentTool)', () => tool({ n }, `key-${n++}`)],
];
function timeGuard(call) {
  loop = new LoopGuard({ maxSteps: 1e9 });
  return timeRound(call);
}
const guardResults = [];
for (const [name, call] of guardCases) {
  for (let i = 0; i < 1000; i++) {
    await work();
    await call();
  }
  const bareRounds = [];
  const guardedRounds = [];
  for (let r = 0; r < rounds; r++) {
    bareRounds.push(await timeGuard(work));
    guardedRounds.push(await timeGuard(call));
  }
  const added = (key) =>
    median(guardedRounds.map((t) => t[key])) - median(bareRounds.map((t) => t[key]));
  guardResults.push({ name, added: added('wall'), addedCpu: added('cpu') });
}
await glassbox.shutdown();

const us = (ns) => (ns / 1000).toFixed(1);
const table = markdownTable(
  [
    'call',
    'bare client µs/call',
    'instrumented µs/call',
    'added µs/call',
    'ratio',
    'added CPU µs/call',
  ],
  results.map((r) => [
    r.name,
    us(r.bare),
    us(r.instrumented),
    us(r.added),
    `${r.ratio.toFixed(2)}x`,
    us(r.addedCpu),
  ]),
);
const stats = glassbox.stats();
const body = `Machine: ${describeMachine()}. Date: ${new Date().toISOString()}. ${describeLoad()}.

The same official \`openai\` client with and without \`instrumentOpenAI\`, in one process, against an
in-process fetch (no network) and a no-op exporter, so the added time is the SDK's own work per call
(span creation, attributes, prompt hash, cost) excluding export. ${callsPerRound} calls per round,
${rounds} rounds alternating bare and instrumented; median round. CPU time counts only this process.

${table}

SDK runtime guards around a call that does nothing, against the bare call (aim: under 20 µs
each); ${callsPerRound} calls per round, ${rounds} rounds, median; guard state kept live
across calls (loop counts, breakers, the in-memory ledger and idempotency keys):

${markdownTable(
  ['guard', 'added µs/call', 'added CPU µs/call'],
  guardResults.map((r) => [r.name, us(r.added), us(r.addedCpu)]),
)}

Wall time on this shared machine stretches with other processes' load; CPU time counts only
this process's work, so it is the steadier measure of what a guard costs.

Spans recorded: ${stats.exportedSpans}, dropped: ${stats.droppedSpans}.

${SHARED_MACHINE_CAVEAT}`;
console.log(table);
console.log(
  guardResults.map((r) => `${r.name}: ${us(r.added)} µs (CPU ${us(r.addedCpu)} µs)`).join('\n'),
);
const date = new Date().toISOString().slice(0, 10);
console.log(`\nwritten to ${writeResultsSection(`SDK overhead — ${date}`, body)}`);
