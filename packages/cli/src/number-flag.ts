import { CliError } from './cli-error.js';

/**
 * Parses a numeric flag, or names it and the accepted range in a usage error.
 *
 * @example numberFlag('bisect', 'trials', '20', { integer: true, min: 1 }) // 20
 */
export function numberFlag(
  command: string,
  flag: string,
  value: string | undefined,
  { integer = false, min = -Infinity, max = Infinity } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (
    value.trim() === '' ||
    !Number.isFinite(n) ||
    (integer && !Number.isInteger(n)) ||
    n < min ||
    n > max
  )
    throw new CliError(
      'INVALID_OPTION',
      `invalid --${flag} "${value}": expected ${integer ? 'a whole number' : 'a number'}${min > -Infinity ? ` >= ${min}` : ''}${max < Infinity ? ` <= ${max}` : ''}`,
      command,
    );
  return n;
}
