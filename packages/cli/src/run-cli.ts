import { CliError } from './cli-error.js';
import type { CliContext, Command } from './cli-context.js';
import { cliVersion } from './version.js';

/** A row of the command table: name, one line for the command list, and its module. */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

/**
 * The command table: adding a command is one line here and one file in commands/. Modules
 * load only when their command runs, so `glassbox eval` in CI does not start up the server's
 * storage and simulator code.
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'serve',
    summary: 'Run the server: OTLP receiver, API and UI',
    load: async () => (await import('./commands/serve.js')).serveCommand,
  },
  {
    name: 'gateway',
    summary: 'Run the OpenAI-compatible gateway with runtime guards',
    load: async () => (await import('./commands/gateway.js')).gatewayCommand,
  },
  {
    name: 'keys',
    summary: 'Manage API keys and their scopes (keys create|list|revoke|rotate)',
    load: async () => (await import('./commands/keys.js')).keysCommand,
  },
  {
    name: 'backup',
    summary: 'Write a consistent snapshot of the SQLite database while the server runs',
    load: async () => (await import('./commands/backup.js')).backupCommand,
  },
  {
    name: 'restore',
    summary: 'Restore a backup into a stopped data directory',
    load: async () => (await import('./commands/backup.js')).restoreCommand,
  },
  {
    name: 'delete',
    summary: 'Delete the traces of a user, session or trace on request (audited)',
    load: async () => (await import('./commands/delete.js')).deleteCommand,
  },
  {
    name: 'demo',
    summary: 'Run demo apps against a simulated provider and inject incidents',
    load: async () => (await import('./commands/demo.js')).demoCommand,
  },
  {
    name: 'eval',
    summary: 'Run a promptfoo config as a CI gate (exit 0 pass, 100 fail, 1 error)',
    load: async () => (await import('./commands/eval.js')).evalCommand,
  },
  {
    name: 'postmortem',
    summary: "Write an incident's postmortem draft from the evidence (md, yaml, json)",
    load: async () => (await import('./commands/postmortem.js')).postmortemCommand,
  },
  {
    name: 'replay',
    summary: 'Replay a recorded LLM call N times with overrides, judged by the classifier',
    load: async () => (await import('./commands/replay.js')).replayCommand,
  },
  {
    name: 'bisect',
    summary: 'Name the factor whose swap fixes a failing trace (against a good one)',
    load: async () => (await import('./commands/bisect.js')).bisectCommand,
  },
  {
    name: 'prompts',
    summary:
      'Push, label, roll back and inspect prompt versions (prompts push|get|label|rollback|history)',
    load: async () => (await import('./commands/prompts.js')).promptsCommand,
  },
  {
    name: 'datasets',
    summary:
      'List, import, export and grow versioned eval datasets (datasets list|import|export|...)',
    load: async () => (await import('./commands/datasets.js')).datasetsCommand,
  },
];

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length)) + 2;
  const list = COMMANDS.map((command) => `  ${command.name.padEnd(width)}${command.summary}`);
  return `Usage: glassbox <command> [options]

Glassbox: an incident debugger for production LLM systems.

Commands:
${list.join('\n')}

Options:
  -h, --help     Show this help
  -v, --version  Show the version

Run \`glassbox <command> --help\` for a command's options.
`;
}

/**
 * Runs the `glassbox` command line and returns the exit code: 0 on success, 2 for usage
 * errors, 1 for runtime failures. Never throws; expected errors are printed without a stack.
 *
 * @example
 * const code = await runCli(['serve', '--port', '0'], { stdout, stderr, env, cwd });
 */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      context.stdout.write(mainHelp());
      return 0;
    }
    if (first === '--version' || first === '-v') {
      context.stdout.write(`${cliVersion()}\n`);
      return 0;
    }
    const command = COMMANDS.find((candidate) => candidate.name === first);
    if (!command) {
      const known = COMMANDS.map((candidate) => candidate.name).join(', ');
      const kind = first.startsWith('-') ? 'option' : 'command';
      throw new CliError('UNKNOWN_COMMAND', `unknown ${kind} "${first}" (commands: ${known})`);
    }
    return await (await command.load()).run(rest, context);
  } catch (error) {
    return report(error, context);
  }
}

function report(error: unknown, context: CliContext): number {
  if (error instanceof CliError) {
    const help =
      error.exitCode === 2
        ? `\nRun \`glassbox ${error.helpFor ?? ''}${error.helpFor ? ' ' : ''}--help\` for usage.`
        : '';
    context.stderr.write(`glassbox: error: ${error.message}${help}\n`);
    return error.exitCode;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  context.stderr.write(`glassbox: unexpected error (please report it): ${detail}\n`);
  return 1;
}
