import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type GlassboxServer } from '@glassbox/server';
import { openStorage, type Storage } from '@glassbox/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';
import { captureContext } from '../../test/support/capture-context.js';

let dir: string;
let storage: Storage;
let server: GlassboxServer;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'glassbox-prompts-'));
  storage = await openStorage({ dataDir: join(dir, 'data') });
  server = await createServer({ storage, host: '127.0.0.1', port: 0 });
});
afterEach(async () => {
  await server.close();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  const io = captureContext({ env: { GLASSBOX_ENDPOINT: server.url, USER: 'ada' }, cwd: dir });
  const code = await runCli(['prompts', ...argv], io.context);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('glassbox prompts', () => {
  it('pushes versions, labels, gets, rolls back and shows the history', async () => {
    writeFileSync(
      join(dir, 'support.json'),
      JSON.stringify([
        { role: 'system', content: 'Answer for {{company}}.' },
        { role: 'user', content: '{{question}}' },
      ]),
    );
    const v1 = await cli(
      'push',
      'support',
      '--file',
      'support.json',
      '--message',
      'first',
      '--label',
      'production',
      '--reason',
      'launch',
    );
    expect(v1).toMatchObject({ code: 0 });
    expect(v1.out).toMatch(/Created support v1 \(sha256 [0-9a-f]{12}\)\nproduction -> v1/);
    expect(
      (
        await cli(
          'push',
          'support',
          '--text',
          'Be terse, {{company}}.',
          '--config',
          '{"temperature":0}',
        )
      ).out,
    ).toMatch(/v2/);
    expect(
      (await cli('label', 'support', 'production', '2', '--reason', 'terser answers')).out,
    ).toBe('production: v1 -> v2\n');

    const got = JSON.parse((await cli('get', 'support', '--session', 'conv-1')).out);
    expect(got).toMatchObject({
      label: 'production',
      version: { version: 2, config: { temperature: 0 } },
      pin: { outcome: 'new' },
    });
    expect(JSON.parse((await cli('get', 'support', '--version', '1')).out).content[0].content).toBe(
      'Answer for {{company}}.',
    );

    expect((await cli('rollback', 'support', '--reason', 'CSAT down')).out).toBe(
      'Rolled back support production: v2 -> v1\n',
    );
    const history = (await cli('history', 'support')).out.trim().split('\n');
    expect(history).toHaveLength(3);
    expect(history[0]).toMatch(/production: v2 -> v1 {2}by ada: CSAT down$/);
    expect(history[2]).toMatch(/production: \(new\) -> v1 {2}by ada: launch$/);
    expect(
      (await cli('rollback', 'support', '--to', '2', '--reason', 'fixed', '--actor', 'ops')).out,
    ).toMatch(/v1 -> v2/);
    expect((await cli('history', 'support', '--limit', '1')).out).toMatch(/by ops: fixed/);
  });

  it('reports bad input and server refusals clearly, with exit codes', async () => {
    const cases: [string[], number, RegExp][] = [
      [
        ['pull', 'x'],
        2,
        /unknown prompts subcommand "pull" \(subcommands: push, get, label, rollback, history, canary\)/,
      ],
      [['push'], 2, /needs a prompt NAME/],
      [['push', 'x'], 2, /exactly one of --file FILE or --text TEXT/],
      [['push', 'x', '--file', 'nope.json'], 2, /cannot read --file .*nope\.json: ENOENT/],
      [['push', 'x', '--text', 'a', '--config', '{oops'], 2, /invalid --config/],
      [['label', 'x', 'production', '--reason', 'r'], 2, /takes NAME LABEL VERSION/],
      [['label', 'x', 'production', 'two', '--reason', 'r'], 2, /invalid VERSION "two"/],
      [['label', 'x', 'production', '1'], 2, /needs --reason/],
      [['get', 'missing'], 1, /prompt "missing" does not exist; prompt artifacts: none/],
      [
        ['push', 'x', '--text', 'ok', '--colour', 'red'],
        2,
        /unknown option --colour for "prompts"/,
      ],
    ];
    for (const [argv, code, message] of cases) {
      const result = await cli(...argv);
      expect({ argv, code: result.code }).toEqual({ argv, code });
      expect(result.err).toMatch(message);
    }
    await cli('push', 'x', '--text', 'hello');
    const refused = await cli('label', 'x', 'production', '5', '--reason', 'r');
    expect(refused).toMatchObject({ code: 1 });
    expect(refused.err).toMatch(/version 5 does not exist; versions: 1/);
    const nothingToUndo = await cli('rollback', 'x', '--reason', 'r');
    expect(nothingToUndo.err).toMatch(/no earlier version to roll back to; pass --to N/);
  });

  it('starts a canary with evaluators, unit and ramp, shows both arms, and refuses bad input', async () => {
    await cli('push', 'support', '--text', 'v1', '--label', 'production', '--reason', 'launch');
    await cli('push', 'support', '--text', 'v2');
    await fetch(`${server.url}/api/online-eval/rules`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        rules: [{ id: 'r', segment: {}, rate: 1, assert: [{ type: 'glassbox:no-refusal' }] }],
      }),
    });
    const cases: [string[], number, RegExp][] = [
      [
        ['canary', 'stop', 'support'],
        2,
        /unknown prompts canary action "stop" \(actions: start, status\)/,
      ],
      [
        ['canary', 'start', 'support', '--percent', '5'],
        2,
        /canary start needs --version N and --percent P/,
      ],
      [
        ['canary', 'start', 'support', '--version', '2', '--percent', '5', '--ramp', '5,x'],
        2,
        /invalid --ramp "5,x"/,
      ],
      [
        ['canary', 'status', 'support', '--kind', 'policy'],
        2,
        /invalid --kind "policy": expected one of prompt, agent, model, tools/,
      ],
      [['canary', 'status', 'support'], 1, /prompt "support" has no canary/],
      [
        [
          'canary',
          'start',
          'support',
          '--version',
          '2',
          '--percent',
          '5',
          '--evaluators',
          'glassbox:no-refusal,faithfulness',
        ],
        1,
        /evaluator "faithfulness" is not scored by any online evaluation rule of this project; scored: glassbox:no-refusal/,
      ],
      [['canary', 'start', 'support', '--version', '2', '--percent', '150'], 1, /percent/],
    ];
    for (const [argv, code, message] of cases) {
      const result = await cli(...argv);
      expect({ argv, code: result.code }).toEqual({ argv, code });
      expect(result.err).toMatch(message);
    }
    const started = await cli(
      'canary',
      'start',
      'support',
      '--version',
      '2',
      '--percent',
      '5',
      '--unit',
      'session',
      '--evaluators',
      'glassbox:no-refusal',
      '--ramp',
      '25,100',
      '--min-samples',
      '50',
    );
    expect(started).toMatchObject({ code: 0, err: '' });
    expect(started.out).toMatch(
      /^Started: support v2 on production: running at 5 % of sessions, ramp next 25 -> 100 %, min 50 per arm, alpha 0\.01/,
    );
    await fetch(`${server.url}/api/artifacts/prompt/support/canary/outcomes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        outcomes: [
          { arm: 'control', metric: 'error', failed: false },
          { arm: 'canary', metric: 'error', failed: true },
        ],
      }),
    });
    const status = await cli('canary', 'status', 'support');
    expect(status.code).toBe(0);
    expect(status.out).toMatch(
      /error: control 0\.00 % \(0\/1\) {2}canary 100\.00 % \(1\/1\) {2}p \S+ {2}kills above \+\S+ points/,
    );
    expect(status.out).toMatch(
      /glassbox:no-refusal: control - \(0\/0\) {2}canary - \(0\/0\) {2}p 1\.00/,
    );
  });

  it('names the URL when the server is unreachable', async () => {
    const io = captureContext({ env: { GLASSBOX_ENDPOINT: 'http://127.0.0.1:9' } });
    expect(await runCli(['prompts', 'history', 'x'], io.context)).toBe(1);
    expect(io.stderr()).toMatch(/cannot reach the Glassbox server at http:\/\/127\.0\.0\.1:9/);
  });
});
