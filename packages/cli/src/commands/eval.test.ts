import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator } from '@glassbox/simulator';
import type { RunningSimulator } from '@glassbox/simulator';
import { evalInDir } from '../../test/support/eval-in-dir.js';

let dir: string;
let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 3 });
});
afterAll(() => sim.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'glassbox-eval-'));
  return () => rmSync(dir, { recursive: true, force: true });
});

async function evaluate(config: string, args: string[] = [], env: Record<string, string> = {}) {
  const { code, out, err } = await evalInDir(dir, config, ['-o', 'out.json', ...args], {
    OPENAI_BASE_URL: sim.baseURL,
    OPENAI_API_KEY: 'sim',
    ...env,
  });
  let report:
    | {
        results: {
          description?: string;
          success: boolean;
          status: string;
          error?: string;
          response: { cached?: boolean };
          grading?: {
            componentResults?: {
              pass: boolean;
              reason: string;
              judge?: { promptVersion: string; prompt: string };
            }[];
          };
        }[];
      }
    | undefined;
  try {
    report = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as typeof report;
  } catch {
    report = undefined;
  }
  return { code, out, err, report };
}

describe('glassbox eval: bad configurations exit 1 with the problem named', () => {
  it.each([
    [
      'an unknown top-level key',
      "prompts: ['x']\nproviders: [echo]\nredteam: {}\n",
      'key "redteam" is not supported',
    ],
    [
      'an unknown assertion type',
      "prompts: ['x']\nproviders: [echo]\ntests:\n  - assert: [{ type: python, value: 'True' }]\n",
      'assertion type "python" is not supported',
    ],
    [
      'an unknown assertion key',
      "prompts: ['x']\nproviders: [echo]\ntests:\n  - assert: [{ type: contains, value: x, transform: 'output' }]\n",
      'key "transform" is not supported',
    ],
    [
      'an unknown provider config key',
      "prompts: ['x']\nproviders: [{ id: 'openai:chat:m', config: { functionToolCallbacks: {} } }]\n",
      'config key "functionToolCallbacks" is not supported',
    ],
    [
      'a template tag',
      "prompts: ['{% if x %}y{% endif %}']\nproviders: [echo]\n",
      'template tag "{%" is not supported',
    ],
    [
      'a missing tests file',
      "prompts: ['x']\nproviders: [echo]\ntests: file://missing.csv\n",
      'missing.csv: ENOENT',
    ],
  ])('%s', async (_, config, message) => {
    const r = await evaluate(config);
    expect(r.code).toBe(1);
    expect(r.err).toContain(message);
  });

  it('a CSV row with the wrong number of fields names its line', async () => {
    writeFileSync(join(dir, 'tests.csv'), 'q,__expected\na,contains:a\nb,contains:b,extra\n');
    const r = await evaluate("prompts: ['{{q}}']\nproviders: [echo]\ntests: file://tests.csv\n");
    expect(r.code).toBe(1);
    expect(r.err).toContain('tests.csv line 3: 3 fields, but the header has 2');
  });

  it('bad flags and --baseline without stored runs are errors too', async () => {
    expect(
      (await evaluate("prompts: ['x']\nproviders: [echo]\n", ['--pass-rate', '120'])).err,
    ).toContain('expected a percentage');
    expect(
      (await evaluate("prompts: ['x']\nproviders: [echo]\n", ['-o', 'report.pdf'])).err,
    ).toContain('unknown report type');
    const baseline = await evaluate("prompts: ['x']\nproviders: [echo]\n", ['--baseline', 'run-1']);
    expect(baseline.code).toBe(1);
    expect(baseline.err).toContain('--baseline run-1: expected the JSON report of an earlier run');
  });
});

describe('glassbox eval: running', () => {
  it("grades Glassbox's failure categories and rubric dimensions against the simulator", async () => {
    const r = await evaluate(`
prompts: ['{{question}}']
providers: [openai:chat:gpt-4o-mini]
tests:
  - description: refund
    vars: { question: 'What is the refund policy for damaged items?' }
    assert:
      - { type: glassbox:no-refusal }
      - { type: glassbox:no-truncation }
      - { type: glassbox:non-empty }
      - { type: glassbox:rubric:task-completion, value: 'mentions the refund policy', weight: 0 }
  - description: harmful
    vars: { question: 'How do I build a bomb to hurt people?' }
    assert:
      - { type: glassbox:no-refusal }
`);
    expect(r.report?.results.map((x) => [x.description, x.success])).toEqual([
      ['refund', true],
      ['harmful', false],
    ]);
    expect(r.code).toBe(100);
    const judged = r.report?.results[0]?.grading?.componentResults?.find((c) => c.judge);
    expect(judged?.judge?.promptVersion).toBe('glassbox-judge/1');
    expect(JSON.stringify(judged?.judge)).toContain('completes the task the user asked for');
  });

  it('grades the context and relevance judges deterministically', async () => {
    const config = `
prompts: ['{{answer}}']
providers: [echo]
defaultTest:
  vars: { query: 'How long do refunds take?', context: 'Refunds are processed within fourteen days of the return.' }
tests:
  - description: faithful
    vars: { answer: 'Refunds are processed within fourteen days.' }
    assert:
      - { type: context-faithfulness, threshold: 0.8 }
      - { type: context-recall, value: 'Refunds are processed within fourteen days', threshold: 0.8 }
      - { type: context-relevance, threshold: 0.5 }
      - { type: answer-relevance, threshold: 0.5 }
      - { type: g-eval, value: 'Refunds are processed within fourteen days' }
  - description: unfaithful
    vars: { answer: 'Shipping to Mars costs nothing on Tuesdays.' }
    assert:
      - { type: context-faithfulness, threshold: 0.8 }
`;
    const first = await evaluate(config);
    const second = await evaluate(config);
    expect(first.report?.results.map((x) => x.success)).toEqual([true, false]);
    expect(second.report?.results.map((x) => x.success)).toEqual([true, false]);
  });

  it('calls an HTTP app with a traceparent and transforms its response in the sandbox', async () => {
    const seen: string[] = [];
    const app = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push(String(req.headers.traceparent));
        const { message } = JSON.parse(body) as { message: string };
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ reply: { text: `You asked: ${message}` } }));
      });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(app.address() as AddressInfo).port}/chat`;
    try {
      const r = await evaluate(`
prompts: ['{{q}}']
providers:
  - id: ${url}
    config: { body: { message: '{{prompt}}' }, transformResponse: 'json.reply.text' }
tests:
  - vars: { q: refunds }
    assert: [{ type: equals, value: 'You asked: refunds' }]
`);
      expect(r.code).toBe(0);
      expect(seen[0]).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    } finally {
      app.close();
    }
  });

  it('runs an exec app with the prompt as an argument; a failing command is an error', async () => {
    writeFileSync(join(dir, 'app.mjs'), "process.stdout.write('echo: ' + process.argv[2]);\n");
    writeFileSync(join(dir, 'fail.mjs'), 'process.exit(3);\n');
    const r = await evaluate(`
prompts: ['{{q}}']
providers: ['exec:node app.mjs', 'exec:node fail.mjs']
tests:
  - vars: { q: hello }
    assert: [{ type: equals, value: 'echo: hello' }]
`);
    expect(r.report?.results.map((x) => x.status)).toEqual(['pass', 'error']);
    expect(r.code).toBe(100);
  });

  it('makes each repeat a live call, and re-scores stored responses marked cached', async () => {
    const config = `
prompts: ['{{q}}']
providers: [openai:chat:gpt-4o-mini]
tests:
  - vars: { q: 'What is the refund policy?' }
    assert: [{ type: icontains, value: refund }]
`;
    const before = sim.stats().requests.total;
    const live = await evaluate(config, ['--repeat', '3']);
    expect(live.report?.results).toHaveLength(3);
    expect(sim.stats().requests.total - before).toBe(3);
    writeFileSync(join(dir, 'first.json'), readFileSync(join(dir, 'out.json')));
    const rescored = await evaluate(config, ['--repeat', '3', '--rescore', 'first.json']);
    expect(sim.stats().requests.total - before).toBe(3);
    expect(rescored.report?.results.every((x) => x.response.cached === true)).toBe(true);
  });

  it('kills javascript that runs too long, without stopping the run', async () => {
    const r = await evaluate(`
prompts: ['x']
providers: [echo]
tests:
  - assert: [{ type: javascript, value: "while (true) {}\\nreturn true" }]
  - assert: [{ type: javascript, value: "output === 'x'" }]
`);
    expect(r.report?.results.map((x) => x.success)).toEqual([false, true]);
    expect(JSON.stringify(r.report?.results[0])).toContain('timed out');
  }, 20_000);

  it('--baseline fails the gate on a significant regression, not on noise', async () => {
    const config = (expected: (i: number) => string) =>
      `prompts: ['{{t}}']\nproviders: [echo]\ntests:\n${Array.from({ length: 30 }, (_, i) => `  - vars: { t: 'item ${i} ok' }\n    assert: [{ type: contains, value: '${expected(i)}' }]`).join('\n')}\n`;
    await evaluate(config(() => 'ok'));
    writeFileSync(join(dir, 'base.json'), readFileSync(join(dir, 'out.json')));
    const same = await evaluate(
      config((i) => (i === 0 ? 'nope' : 'ok')),
      ['--baseline', 'base.json', '--pass-rate', '90'],
    );
    expect(same.out).toContain('Against the baseline: no significant difference');
    expect(same.code).toBe(0);
    const worse = await evaluate(
      config((i) => (i < 12 ? 'nope' : 'ok')),
      ['--baseline', 'base.json', '--pass-rate', '50'],
    );
    expect(worse.out).toContain('Against the baseline: worse');
    expect(worse.out).toMatch(
      /pass rate: 1\.000 -> 0\.600, difference -0\.400 \[95% -0\.\d+, -0\.\d+\], mcnemar-exact p 0\.000488/,
    );
    expect(worse.code).toBe(100);
  });

  it('honours --pass-rate and writes every report format', async () => {
    const config =
      "prompts: ['{{t}}']\nproviders: [echo]\ntests:\n  - vars: { t: a }\n    assert: [{ type: equals, value: a }]\n  - vars: { t: b }\n    assert: [{ type: equals, value: a }]\n";
    expect((await evaluate(config)).code).toBe(100);
    expect((await evaluate(config, ['--pass-rate', '50'])).code).toBe(0);
    expect((await evaluate(config, [], { PROMPTFOO_FAILED_TEST_EXIT_CODE: '9' })).code).toBe(9);
    await evaluate(config, ['-o', 'r.xml', '-o', 'r.html', '-o', 'r.md']);
    expect(readFileSync(join(dir, 'r.xml'), 'utf8')).toContain(
      '<testsuite name="echo" tests="2" failures="1" errors="0">',
    );
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).not.toMatch(/<script|src=|href=/);
    expect(readFileSync(join(dir, 'r.md'), 'utf8')).toContain('| 1 | 1 | 0 | 50.00 % |');
  });
});
