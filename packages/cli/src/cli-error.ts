/** Stable codes of the errors the command reports to people, without a stack trace. */
export const CLI_ERROR_CODES = [
  'UNKNOWN_COMMAND',
  'UNKNOWN_OPTION',
  'INVALID_OPTION',
  'MISSING_OPTION',
  'UNEXPECTED_ARGUMENT',
  'INSECURE_BIND',
  'DATABASE_UNREACHABLE',
  'STORAGE_FAILED',
  'PORT_IN_USE',
  'LISTEN_FAILED',
  'NOT_FOUND',
  'NO_PROVIDER',
  'NOT_REPLAYABLE',
  'UNKNOWN_MODEL',
  'BUDGET_TOO_SMALL',
  'REQUEST_REFUSED',
  'SERVER_UNREACHABLE',
] as const;
export type CliErrorCode = (typeof CLI_ERROR_CODES)[number];

/** Usage mistakes exit with 2 (like most Unix tools); runtime failures with 1. */
const EXIT_CODES: Record<CliErrorCode, 1 | 2> = {
  UNKNOWN_COMMAND: 2,
  UNKNOWN_OPTION: 2,
  INVALID_OPTION: 2,
  MISSING_OPTION: 2,
  UNEXPECTED_ARGUMENT: 2,
  INSECURE_BIND: 1,
  DATABASE_UNREACHABLE: 1,
  STORAGE_FAILED: 1,
  PORT_IN_USE: 1,
  LISTEN_FAILED: 1,
  NOT_FOUND: 1,
  NO_PROVIDER: 1,
  NOT_REPLAYABLE: 1,
  UNKNOWN_MODEL: 1,
  BUDGET_TOO_SMALL: 2,
  REQUEST_REFUSED: 1,
  SERVER_UNREACHABLE: 1,
};

/**
 * An expected failure: its message is written for the person at the terminal.
 *
 * @example
 * throw new CliError('INVALID_OPTION', 'invalid --port "abc": expected an integer from 0 to 65535');
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly exitCode: 1 | 2;

  constructor(
    readonly code: CliErrorCode,
    message: string,
    /** The command whose help the person should read, for usage errors. */
    readonly helpFor?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.exitCode = EXIT_CODES[code];
  }
}
