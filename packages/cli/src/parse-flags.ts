import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { CliError } from './cli-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: false }>
>;

/**
 * `parseArgs` with errors that name the offending flag and point at the command's help.
 *
 * @example
 * const { values } = parseFlags('serve', argv, { port: { type: 'string' } });
 */
export function parseFlags<T extends Options>(
  command: string,
  argv: readonly string[],
  options: T,
): Parsed<T> {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false });
  } catch (error) {
    throw toCliError(command, error, options);
  }
}

function toCliError(command: string, error: unknown, options: Options): unknown {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']+)'/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const known = Object.keys(options)
      .map((name) => `--${name}`)
      .join(', ');
    return new CliError(
      'UNKNOWN_OPTION',
      `unknown option ${quoted ?? ''} for "${command}" (known: ${known})`,
      command,
    );
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const flag = /(--[\w-]+)/.exec(message)?.[1] ?? 'an option';
    const wantsValue = message.includes('argument missing');
    return new CliError(
      'INVALID_OPTION',
      wantsValue ? `option ${flag} needs a value` : `option ${flag} does not take a value`,
      command,
    );
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    return new CliError(
      'UNEXPECTED_ARGUMENT',
      `unexpected argument ${quoted ? `"${quoted}"` : ''} for "${command}"`,
      command,
    );
  }
  return error;
}
