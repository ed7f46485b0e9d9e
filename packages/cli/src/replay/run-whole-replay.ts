import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replayRecording } from '@glassbox/core/replay';
import { CliError } from '../cli-error.js';
import type { CliContext } from '../cli-context.js';
import { openStorageForCli } from '../open-storage-for-cli.js';
import { projectIdOf } from '../project-flag.js';
import { resolveStorageFlags } from '../storage-flags.js';

/** Read by `@glassbox/sdk` in the replayed program (see its replay mode). */
const REPLAY_FILE_ENV = 'GLASSBOX_REPLAY_FILE';

/**
 * `glassbox replay TRACE_ID -- command ...`: runs the user's own program in replay mode. The
 * trace's recording goes to a temporary file named by GLASSBOX_REPLAY_FILE; the SDK serves the
 * recorded model calls while the program asks the same, calls live from the first change,
 * and never runs side-effecting tools. Exits with the program's exit code.
 */
export async function runWholeReplay(
  traceId: string,
  command: readonly string[],
  values: {
    'data-dir'?: string | undefined;
    'database-url'?: string | undefined;
    project?: string | undefined;
  },
  context: CliContext,
): Promise<number> {
  if (command.length === 0) {
    throw new CliError(
      'MISSING_OPTION',
      'nothing to run after "--" (e.g. -- node agent.js)',
      'replay',
    );
  }
  const storage = await openStorageForCli(resolveStorageFlags('replay', values, context));
  let recording;
  try {
    const projectId = await projectIdOf(values.project, storage.projects, 'replay');
    const trace = await storage.traces.getTrace(projectId, traceId);
    if (!trace || trace.spans.length === 0) {
      throw new CliError(
        'NOT_FOUND',
        `trace ${traceId} not found in project ${projectId}`,
        'replay',
      );
    }
    recording = replayRecording(trace.spans);
  } finally {
    await storage.close();
  }
  if (recording.modelCalls.length === 0) {
    throw new CliError(
      'NOT_REPLAYABLE',
      `trace ${traceId} has no LLM span with captured messages (hash-only privacy mode, or content capture off): there is nothing to serve, so every call would go live`,
      'replay',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'glassbox-replay-'));
  const file = join(dir, 'recording.json');
  writeFileSync(file, JSON.stringify(recording));
  context.stderr.write(
    `replaying trace ${traceId}: ${recording.modelCalls.length} recorded model calls, ` +
      `${recording.toolCalls.length} tool calls; side-effecting tools will not run\n`,
  );
  try {
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn(command[0]!, command.slice(1), {
        cwd: context.cwd,
        env: { ...process.env, ...context.env, [REPLAY_FILE_ENV]: file },
        stdio: ['inherit', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (chunk: Buffer) => context.stdout.write(chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => context.stderr.write(chunk.toString()));
      child.on('error', (error) =>
        reject(
          new CliError('INVALID_OPTION', `cannot run ${command[0]}: ${error.message}`, 'replay'),
        ),
      );
      child.on('close', (exitCode) => resolve(exitCode ?? 1));
    });
    context.stderr.write(
      `the replayed run's spans carry glassbox.replay.of_trace=${traceId}; detection leaves them out\n`,
    );
    return code;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
