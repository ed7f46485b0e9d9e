import { formatPath } from '@glassbox/core/providers';

/**
 * A gateway config rejected at start: names the field and, for YAML files, the line.
 *
 * @example new GatewayConfigError(['routes', 'gpt-4o', 0, 'provider'], "names no provider 'x'", 12)
 */
export class GatewayConfigError extends Error {
  override readonly name = 'GatewayConfigError';
  readonly code = 'invalid_gateway_config' as const;
  constructor(
    readonly path: readonly (string | number)[],
    readonly problem: string,
    readonly line: number | null = null,
    readonly file: string | null = null,
  ) {
    super(
      `${file ? `${file}:` : ''}${line !== null ? `${line}: ` : file ? ' ' : ''}${formatPath(path)} ${problem}`,
    );
  }
}
