export { runCli, COMMANDS } from './run-cli.js';
export { CliError, CLI_ERROR_CODES } from './cli-error.js';
export type { CliErrorCode } from './cli-error.js';
export type { CliContext, Command, Output } from './cli-context.js';
export type { CommandEntry } from './run-cli.js';
export { isLoopbackHost } from './is-loopback-host.js';
