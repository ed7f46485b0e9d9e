import { CliError } from './cli-error.js';
import type { CliContext } from './cli-context.js';
import { envValue } from './env-value.js';

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kib: 1024,
  kb: 1000,
  mib: 1024 ** 2,
  mb: 1000 ** 2,
};

/**
 * A byte size from a flag or its environment variable: a positive integer with an optional
 * unit (B, KB, KiB, MB, MiB), e.g. `512KiB` or `2MiB`. Undefined when neither is set.
 */
export function parseSizeFlag(
  command: string,
  names: { flag: string; env: string },
  flag: string | undefined,
  context: CliContext,
): number | undefined {
  const raw = flag ?? envValue(context.env, names.env);
  if (raw === undefined) return undefined;
  const match = /^(\d+)\s*([a-z]*)$/i.exec(raw.trim());
  const unit = UNITS[match?.[2]?.toLowerCase() ?? 'x'];
  const bytes = match && unit ? Number(match[1]) * unit : NaN;
  if (!(Number.isSafeInteger(bytes) && bytes > 0)) {
    const source = flag !== undefined ? `--${names.flag}` : names.env;
    throw new CliError(
      'INVALID_OPTION',
      `invalid ${source} "${raw}": expected a positive size in bytes, optionally with a unit (KiB, MiB, KB, MB), e.g. 1MiB`,
      command,
    );
  }
  return bytes;
}
