/** A config update rejected because one field is wrong; `field` is its path. */
export class ConfigError extends Error {
  readonly code = 'invalid_config' as const;
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`Invalid simulator config: ${field} ${problem}`);
    this.name = 'ConfigError';
  }
}
