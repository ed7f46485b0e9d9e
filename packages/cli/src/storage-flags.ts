import { resolve } from 'node:path';
import type { StorageOptions } from '@glassbox/store';
import { CliError } from './cli-error.js';
import { envValue } from './env-value.js';
import type { CliContext } from './cli-context.js';

/** The flags every command that opens storage accepts. */
export const STORAGE_FLAGS = {
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
} as const;

export const STORAGE_FLAGS_HELP = `  --data-dir DIR       SQLite data directory (env GLASSBOX_DATA_DIR, default .glassbox)
  --database-url URL   PostgreSQL URL, postgres://user:pass@host:5432/db; wins over
                       --data-dir (env GLASSBOX_DATABASE_URL)`;

/** Where to store, resolved from flags, then environment, then defaults; flags win. */
export interface ResolvedStorage extends StorageOptions {
  /** One line for people: backend and location, password hidden. */
  description: string;
}

/**
 * Resolves `--data-dir` / `--database-url` (or their environment variables) to storage options.
 *
 * @example
 * resolveStorageFlags('serve', { 'data-dir': 'data' }, context).dataDir; // '/abs/data'
 */
export function resolveStorageFlags(
  command: string,
  values: { 'data-dir'?: string | undefined; 'database-url'?: string | undefined },
  context: CliContext,
): ResolvedStorage {
  const databaseUrl = values['database-url'] ?? envValue(context.env, 'GLASSBOX_DATABASE_URL');
  if (databaseUrl !== undefined) {
    const source =
      values['database-url'] !== undefined ? '--database-url' : 'GLASSBOX_DATABASE_URL';
    const url = parseDatabaseUrl(command, databaseUrl, source);
    return { databaseUrl, description: `postgres at ${describePostgresUrl(url)}` };
  }
  const dataDir = resolve(
    context.cwd,
    values['data-dir'] ?? envValue(context.env, 'GLASSBOX_DATA_DIR') ?? '.glassbox',
  );
  return { dataDir, description: `sqlite in ${dataDir}` };
}

function parseDatabaseUrl(command: string, value: string, source: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliError(
      'INVALID_OPTION',
      `invalid ${source} "${value}": expected postgres://user:password@host:5432/database`,
      command,
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new CliError(
      'INVALID_OPTION',
      `invalid ${source}: only PostgreSQL URLs (postgres://...) are supported, got ${url.protocol}//...`,
      command,
    );
  }
  return url;
}

/** `user@host:port/db`, never the password. */
export function describePostgresUrl(url: URL): string {
  const user = url.username ? `${decodeURIComponent(url.username)}@` : '';
  return `${user}${postgresHostPort(url)}${url.pathname}`;
}

/** `host:port` of a PostgreSQL URL, with the default port filled in. */
export function postgresHostPort(url: URL): string {
  return `${url.hostname || 'localhost'}:${url.port || '5432'}`;
}
