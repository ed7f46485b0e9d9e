import type { ReplayOverrides } from '@glassbox/core/replay';
import { replaySpan } from '@glassbox/server';
import { CliError } from '../cli-error.js';
import type { Command } from '../cli-context.js';
import { progressBar } from '../eval/progress-bar.js';
import { numberFlag } from '../number-flag.js';
import { parseFlags } from '../parse-flags.js';
import { formatReplay } from '../replay/format-report.js';
import { runWholeReplay } from '../replay/run-whole-replay.js';
import { PROVIDERS_FLAG_HELP } from '../replay/providers-flag.js';
import { openReplaySession, toCliError } from '../replay/replay-session.js';
import { STORAGE_FLAGS, STORAGE_FLAGS_HELP } from '../storage-flags.js';

const HELP = `Usage: glassbox replay TRACE_ID --span SPAN_ID [options]
       glassbox replay TRACE_ID [--project NAME] [storage options] -- COMMAND [ARGS...]

Replays one recorded LLM call: every recorded field (messages with tool-call turns and their
recorded results, tools, tool_choice, response_format, stop, seed, max_tokens, sampling) is
sent again unless overridden, and each answer is judged by the classifier on the trace as the
replay would have made it. Replays are not stored: they never touch metrics or detection.

With "-- COMMAND", runs your own program in replay mode instead (whole-run replay): through
@glassbox/sdk, its model calls are answered from the trace while it asks exactly what the
original run asked, go live from the first changed input, and side-effecting tools
(sideEffect: true, or named book_*, send_*, pay_*...) never run: they return the recorded
result, or "not executed in replay". The run is traced as a new trace marked with
glassbox.replay.of_trace, which detection leaves out.

Options:
  --span SPAN_ID       The LLM span to replay (required without "--")
  --model MODEL        Send to another model
  --temperature T      Override the temperature (also --top-p, --seed, --max-tokens)
  --top-p P
  --seed N
  --max-tokens N
  --system FILE        Replace the system prompt with FILE's text ({{context}} places the
                       retrieved documents; else they follow the prompt)
  --trials N           How many times (default 1)
${PROVIDERS_FLAG_HELP}
  --json               Print the whole result as JSON
  --project NAME       The trace's project (default: default)
${STORAGE_FLAGS_HELP}
  -h, --help           Show this help

Progress goes to standard error; the report to standard output.
`;

const FLAGS = {
  span: { type: 'string' },
  model: { type: 'string' },
  temperature: { type: 'string' },
  'top-p': { type: 'string' },
  seed: { type: 'string' },
  'max-tokens': { type: 'string' },
  system: { type: 'string' },
  trials: { type: 'string' },
  providers: { type: 'string' },
  json: { type: 'boolean' },
  project: { type: 'string' },
  ...STORAGE_FLAGS,
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * `glassbox replay TRACE_ID --span SPAN_ID`: replays a recorded call N times with overrides.
 *
 * @example await replayCommand.run(['4bf9...', '--span', '00f0...', '--trials', '5'], context)
 */
export const replayCommand: Command = {
  async run(argv, context) {
    const dashes = argv.indexOf('--');
    const own = dashes === -1 ? argv : argv.slice(0, dashes);
    const [first, ...rest] = own;
    const traceId = first !== undefined && !first.startsWith('-') ? first : undefined;
    const { values } = parseFlags('replay', traceId ? rest : own, FLAGS);
    if (values.help) {
      context.stdout.write(HELP);
      return 0;
    }
    if (!traceId) throw new CliError('MISSING_OPTION', 'replay needs a TRACE_ID', 'replay');
    if (dashes !== -1) return runWholeReplay(traceId, argv.slice(dashes + 1), values, context);
    if (!values.span)
      throw new CliError(
        'MISSING_OPTION',
        'replay needs --span SPAN_ID (the LLM span to replay)',
        'replay',
      );
    const trials =
      numberFlag('replay', 'trials', values.trials, { integer: true, min: 1, max: 1000 }) ?? 1;
    const overrides: ReplayOverrides = {};
    if (values.model !== undefined) overrides.model = values.model;
    const parameters: NonNullable<ReplayOverrides['parameters']> = {};
    const numeric = [
      ['temperature', 'temperature', false],
      ['top-p', 'top_p', false],
      ['seed', 'seed', true],
      ['max-tokens', 'max_tokens', true],
    ] as const;
    for (const [flag, key, integer] of numeric) {
      const value = numberFlag('replay', flag, values[flag], { integer });
      if (value !== undefined) parameters[key] = value;
    }
    if (Object.keys(parameters).length > 0) overrides.parameters = parameters;
    if (values.system !== undefined) {
      const { readFile } = await import('node:fs/promises');
      try {
        overrides.systemPrompt = await readFile(values.system, 'utf8');
      } catch (error) {
        throw new CliError(
          'INVALID_OPTION',
          `cannot read --system ${values.system}: ${(error as Error).message}`,
          'replay',
        );
      }
    }
    const session = await openReplaySession('replay', values, context);
    const bar = progressBar(context.stderr);
    try {
      const result = await replaySpan(
        session.ports,
        session.providers,
        session.projectId,
        traceId,
        values.span,
        {
          trials,
          overrides,
          onTrial: (_, done) => bar.update(done, trials),
        },
      ).catch((error: unknown) => {
        throw toCliError(
          error,
          'replay',
          `project ${session.projectId}, ${session.storageDescription}`,
        );
      });
      bar.finish();
      const runId = await session.save('replay', result);
      context.stderr.write(`stored as replay run ${runId} of trace ${result.traceId}\n`);
      context.stdout.write(
        values.json ? `${JSON.stringify({ runId, ...result }, null, 2)}\n` : formatReplay(result),
      );
    } finally {
      await session.close();
    }
    return 0;
  },
};
