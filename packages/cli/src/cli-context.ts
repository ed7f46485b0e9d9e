/** Where a command writes; `process.stdout` fits, and so does a test's string collector. */
export interface Output {
  write(text: string): unknown;
}

/** What a command needs from its surroundings, injected so commands run in tests in-process. */
export interface CliContext {
  stdout: Output;
  stderr: Output;
  env: Readonly<Record<string, string | undefined>>;
  /** Relative paths (the data directory) resolve against it. */
  cwd: string;
  /** Aborting it stops a running `serve` as SIGINT does. */
  signal?: AbortSignal;
}

/** How to run a subcommand (its name and summary are in the command table). */
export interface Command {
  /** Returns the exit code; throws CliError for expected failures. */
  run(argv: readonly string[], context: CliContext): Promise<number>;
}
