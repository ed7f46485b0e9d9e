// Eval gate benchmark (measured, not asserted): the same promptfoo config — 1,000 CSV test
// rows with 5 deterministic assertions each, against a local mock OpenAI-compatible provider,
// at the same concurrency — run by the real promptfoo CLI and by `glassbox eval`, alternating,
// each in its own process under /usr/bin/time for wall time and peak RSS.
// Usage: npm run bench:evals [-- --rows 1000 --rounds 3 --concurrency 4]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchOptions } from './lib/bench-options.js';
import { describeLoad, describeMachine, SHARED_MACHINE_CAVEAT } from './lib/machine.js';
import { markdownTable, writeResultsSection } from './lib/results-file.js';

const loadAtStart = describeLoad();
const options = benchOptions('evals.js', {
  rows: { env: 'BENCH_EVALS_ROWS', default: 1000, kind: 'number', help: 'CSV test rows' },
  rounds: {
    env: 'BENCH_EVALS_ROUNDS',
    default: 3,
    kind: 'number',
    help: 'alternating runs of each tool',
  },
  concurrency: {
    env: 'BENCH_EVALS_CONCURRENCY',
    default: 4,
    kind: 'number',
    help: 'maxConcurrency for both tools',
  },
});
const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'bench-evals-'));

/** A mock chat completions endpoint: a fixed-shape answer derived from the prompt, no delay. */
function startMock() {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const request = JSON.parse(body || '{}');
      const prompt = request.messages?.at(-1)?.content ?? '';
      const id = /item (\d+)/.exec(prompt)?.[1] ?? '0';
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          id: `chatcmpl-${id}`,
          object: 'chat.completion',
          created: 1,
          model: request.model,
          choices: [
            {
              index: 0,
              message: {
                role: 'assistant',
                content: `Refunds for item ${id} take 14 days once the return arrives.`,
              },
              finish_reason: 'stop',
            },
          ],
          usage: { prompt_tokens: 20, completion_tokens: 12, total_tokens: 32 },
        }),
      );
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function writeConfig(rows, concurrency) {
  const header = 'question,__expected1,__expected2,__expected3,__expected4,__expected5';
  const lines = [header];
  for (let i = 0; i < rows; i++) {
    // Every tenth row expects the wrong number of days, so both tools report failures too.
    const days = i % 10 === 0 ? '30' : '14';
    lines.push(
      `How long do refunds for item ${i} take?,icontains:refunds,contains:${days} days,regex:item \\d+,not-icontains:sorry,starts-with:Refunds`,
    );
  }
  writeFileSync(join(work, 'tests.csv'), `${lines.join('\n')}\n`);
  writeFileSync(
    join(work, 'promptfooconfig.yaml'),
    `description: bench\nprompts:\n  - '{{question}}'\nproviders:\n  - openai:chat:mock-model\ntests: file://tests.csv\nevaluateOptions:\n  maxConcurrency: ${concurrency}\n`,
  );
}

/** Runs a command without blocking this process (the mock provider lives in it). */
function run(file, args, spawnOptions) {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...spawnOptions, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status }));
  });
}

/** Runs one tool under /usr/bin/time; returns wall seconds, peak RSS MB, exit code and result counts. */
async function measure(tool, env) {
  const out = join(work, `${tool}.json`);
  rmSync(out, { force: true });
  const command =
    tool === 'promptfoo'
      ? [
          join(root, 'node_modules/.bin/promptfoo'),
          'eval',
          '-c',
          'promptfooconfig.yaml',
          '--no-cache',
          '--no-table',
          '--no-progress-bar',
          '-o',
          out,
        ]
      : [
          process.execPath,
          join(root, 'packages/cli/dist/main.js'),
          'eval',
          '-c',
          'promptfooconfig.yaml',
          '--no-progress',
          '-o',
          out,
        ];
  const timing = join(work, `${tool}.time`);
  const finished = await run('/usr/bin/time', ['-f', '%e %M', '-o', timing, ...command], {
    cwd: work,
    env,
  });
  const [wall, rssKb] = readFileSync(timing, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const results = tool === 'promptfoo' ? report.results.results : report.results;
  const passed = results.filter((r) => r.success).length;
  return { wall, rssMb: rssKb / 1024, code: finished.status, passed, total: results.length };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const mock = await startMock();
const baseURL = `http://127.0.0.1:${mock.address().port}/v1`;
writeConfig(options.rows, options.concurrency);
execFileSync(process.execPath, [join(root, 'packages/cli/dist/main.js'), '--version']);
const env = {
  ...process.env,
  OPENAI_BASE_URL: baseURL,
  OPENAI_API_KEY: 'mock',
  PROMPTFOO_CONFIG_DIR: join(work, '.promptfoo'),
  PROMPTFOO_DISABLE_TELEMETRY: '1',
  PROMPTFOO_DISABLE_UPDATE: '1',
  PROMPTFOO_DISABLE_SHARING: '1',
};
const runs = { promptfoo: [], glassbox: [] };
for (let round = 0; round < options.rounds; round++) {
  for (const tool of ['promptfoo', 'glassbox']) {
    const r = await measure(tool, env);
    runs[tool].push(r);
    console.log(
      `${tool} round ${round + 1}: ${r.wall.toFixed(2)} s, ${r.rssMb.toFixed(0)} MB, exit ${r.code}, ${r.passed}/${r.total} passed`,
    );
  }
}
mock.close();
rmSync(work, { recursive: true, force: true });

const summary = Object.fromEntries(
  Object.entries(runs).map(([tool, rs]) => [
    tool,
    { wall: median(rs.map((r) => r.wall)), rss: median(rs.map((r) => r.rssMb)), last: rs.at(-1) },
  ]),
);
const pf = summary.promptfoo;
const gb = summary.glassbox;
const table = markdownTable(
  [
    'tool',
    'median wall s',
    'vs promptfoo',
    'median peak RSS MB',
    'vs promptfoo',
    'exit code',
    'passed / results',
  ],
  [
    [
      'promptfoo 0.121',
      pf.wall.toFixed(2),
      '1.00',
      pf.rss.toFixed(0),
      '1.00',
      pf.last.code,
      `${pf.last.passed} / ${pf.last.total}`,
    ],
    [
      'glassbox eval',
      gb.wall.toFixed(2),
      (gb.wall / pf.wall).toFixed(2),
      gb.rss.toFixed(0),
      (gb.rss / pf.rss).toFixed(2),
      gb.last.code,
      `${gb.last.passed} / ${gb.last.total}`,
    ],
  ],
);
const date = new Date().toISOString();
const file = writeResultsSection(
  `Evals — ${date.slice(0, 10)}`,
  `Machine: ${describeMachine()}. Date: ${date}. ${loadAtStart}.

Workload: one promptfoo config, ${options.rows} CSV test rows with 5 deterministic assertions each
(icontains, contains, regex, not-icontains, starts-with; every tenth row fails on purpose),
provider openai:chat against a local mock OpenAI-compatible endpoint that answers at once,
maxConcurrency ${options.concurrency} for both. Each tool runs as its own process under /usr/bin/time
(wall time of the whole command including start-up, peak RSS of the process), ${options.rounds}
alternating rounds, medians shown. promptfoo runs with --no-cache, --no-table and
--no-progress-bar; glassbox eval with --no-progress. Aim: glassbox eval at most one fifth of
promptfoo's wall time, with less memory.

${table}

${SHARED_MACHINE_CAVEAT}`,
);
console.log(`\n${table}\n\nwritten to ${file}`);
