import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/run-cli.js';
import { captureContext } from './capture-context.js';

/**
 * Writes `config` as `dir/promptfooconfig.yaml` and runs `glassbox eval --no-progress ARGS`
 * there, as a person would from that directory.
 */
export async function evalInDir(
  dir: string,
  config: string,
  args: readonly string[],
  env: Record<string, string> = {},
) {
  writeFileSync(join(dir, 'promptfooconfig.yaml'), config);
  const capture = captureContext({ cwd: dir, env });
  const code = await runCli(['eval', '--no-progress', ...args], capture.context);
  return { code, out: capture.stdout(), err: capture.stderr() };
}

/** A JSON call to a Glassbox server's API: the status and the parsed body. */
export async function callApi(baseUrl: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}
