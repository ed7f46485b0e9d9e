import { CliError } from './cli-error.js';
import type { CliContext } from './cli-context.js';
import { envValue } from './env-value.js';

/**
 * `--port` (or GLASSBOX_PORT): an integer from 0 (any free port) to 65535; default 4318, the
 * OTLP/HTTP port, so exporters with default settings reach the server.
 */
export function parsePortFlag(
  command: string,
  flag: string | undefined,
  context: CliContext,
): number {
  const raw = flag ?? envValue(context.env, 'GLASSBOX_PORT');
  if (raw === undefined) return 4318;
  const port = /^\d{1,5}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!(port >= 0 && port <= 65535)) {
    const source = flag !== undefined ? '--port' : 'GLASSBOX_PORT';
    throw new CliError(
      'INVALID_OPTION',
      `invalid ${source} "${raw}": expected an integer from 0 to 65535`,
      command,
    );
  }
  return port;
}
