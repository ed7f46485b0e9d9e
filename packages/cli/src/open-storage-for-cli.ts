import { openStorage } from '@glassbox/store';
import type { Storage } from '@glassbox/store';
import { CliError } from './cli-error.js';
import type { ResolvedStorage } from './storage-flags.js';
import { postgresHostPort } from './storage-flags.js';

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
};

const POSTGRES_CODES: Record<string, string> = {
  '28P01': 'password authentication failed',
  '28000': 'authentication rejected',
  '3D000': 'the database does not exist',
  '42501': 'permission denied',
};

const UNWRITABLE_CODES = ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'data_dir_not_writable'];

/**
 * Opens storage and turns the failures people cause (database down, wrong password, unwritable
 * data directory) into CliErrors that say what to do.
 *
 * @example
 * const storage = await openStorageForCli(resolveStorageFlags('serve', values, context));
 */
export async function openStorageForCli(options: ResolvedStorage): Promise<Storage> {
  try {
    return await openStorage({
      ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
      ...(options.databaseUrl !== undefined ? { databaseUrl: options.databaseUrl } : {}),
    });
  } catch (error) {
    throw describeStorageError(options, error);
  }
}

/** Maps an error thrown while opening storage to a CliError with a suggested fix. */
export function describeStorageError(options: ResolvedStorage, error: unknown): CliError {
  const codes = errorCodes(error);
  if (options.databaseUrl !== undefined) {
    const where = postgresHostPort(new URL(options.databaseUrl));
    const network =
      codes.map((code) => NETWORK_CODES[code]).find(Boolean) ??
      (codes.includes('database_unreachable') ? messageOf(error) : undefined);
    if (network) {
      return new CliError(
        'DATABASE_UNREACHABLE',
        `cannot reach PostgreSQL at ${where} (${network}). Is the database running and the ` +
          `host and port right? Check --database-url / GLASSBOX_DATABASE_URL, or leave it out ` +
          `to use the embedded SQLite store.`,
        undefined,
        { cause: error },
      );
    }
    const rejected = codes.map((code) => POSTGRES_CODES[code]).find(Boolean);
    if (rejected) {
      return new CliError(
        'DATABASE_UNREACHABLE',
        `PostgreSQL at ${where} refused the connection: ${rejected} (${messageOf(error)}). ` +
          `Check the user, password and database name in --database-url / GLASSBOX_DATABASE_URL.`,
        undefined,
        { cause: error },
      );
    }
    return new CliError(
      'STORAGE_FAILED',
      `cannot open PostgreSQL storage at ${where}: ${messageOf(error)}`,
      undefined,
      { cause: error },
    );
  }
  const hint = codes.some((code) => UNWRITABLE_CODES.includes(code))
    ? ' Choose a writable directory with --data-dir or GLASSBOX_DATA_DIR.'
    : '';
  return new CliError(
    'STORAGE_FAILED',
    `cannot open SQLite storage in ${options.dataDir}: ${messageOf(error).replace(/\.$/, '')}.${hint}`,
    undefined,
    { cause: error },
  );
}

/** Every `code` on the error, its causes and, for AggregateErrors (dual-stack connect), its parts. */
function errorCodes(error: unknown, depth = 0): string[] {
  if (typeof error !== 'object' || error === null || depth > 5) return [];
  const own = (error as { code?: unknown }).code;
  const codes = typeof own === 'string' ? [own] : [];
  const nested = [
    (error as { cause?: unknown }).cause,
    ...(error instanceof AggregateError ? error.errors : []),
  ];
  return [...codes, ...nested.flatMap((inner) => errorCodes(inner, depth + 1))];
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return messageOf(error.errors[0]);
  return error instanceof Error ? error.message : String(error);
}
