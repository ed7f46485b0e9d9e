import { CliError } from './cli-error.js';
import type { CliContext, Command } from './cli-context.js';
import { demoCommand } from './commands/demo.js';
import { gatewayCommand } from './commands/gateway.js';
import { keysCommand } from './commands/keys.js';
import { serveCommand } from './commands/serve.js';
import { cliVersion } from './version.js';

/** The command table: adding a command is one line here and one file in commands/. */
export const COMMANDS: readonly Command[] = [
  serveCommand,
  gatewayCommand,
  keysCommand,
  demoCommand,
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
    return await command.run(rest, context);
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
