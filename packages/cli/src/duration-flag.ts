import { CliError } from './cli-error.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * A positive duration in milliseconds from `90s`, `5m`, `1h`, `500ms` or plain seconds.
 *
 * @example
 * parseDurationFlag('demo', '--duration', '5m'); // 300000
 */
export function parseDurationFlag(command: string, source: string, raw: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(raw.trim());
  const ms = match ? Number(match[1]) * UNITS[match[2] ?? 's']! : NaN;
  if (!(ms > 0)) {
    throw new CliError(
      'INVALID_OPTION',
      `invalid ${source} "${raw}": expected a duration such as 500ms, 90s, 5m or 1h`,
      command,
    );
  }
  return ms;
}
