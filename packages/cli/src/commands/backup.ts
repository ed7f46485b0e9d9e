import { backupSqlite, restoreSqlite, StoreError } from '@glassbox/store';
import { CliError } from '../cli-error.js';
import type { Command } from '../cli-context.js';
import { parseFlags } from '../parse-flags.js';
import { resolveStorageFlags, STORAGE_FLAGS, STORAGE_FLAGS_HELP } from '../storage-flags.js';

const BACKUP_HELP = `Usage: glassbox backup --out FILE [options]

Writes a consistent snapshot of the embedded SQLite database to FILE while the server keeps
running and ingesting (SQLite's VACUUM INTO: one read transaction, writers go on). The copy
holds everything: traces, spans, findings, monitors, alerts, incidents, artifacts, API key
hashes, settings and the audit log.

For PostgreSQL use pg_dump (see the README, "Backup and restore").

Options:
  --out FILE           Where to write the backup (must not exist)
${STORAGE_FLAGS_HELP}
  -h, --help           Show this help
`;

const RESTORE_HELP = `Usage: glassbox restore --from FILE [options]

Restores a backup made by \`glassbox backup\` into a data directory whose server is stopped.
The database there is kept beside it as glassbox.db.before-restore-<time>.

Options:
  --from FILE          The backup file
${STORAGE_FLAGS_HELP}
  -h, --help           Show this help
`;

const FLAGS = {
  out: { type: 'string' },
  from: { type: 'string' },
  ...STORAGE_FLAGS,
  help: { type: 'boolean', short: 'h' },
} as const;

function sqliteDirOf(
  command: string,
  values: Parameters<typeof resolveStorageFlags>[1],
  context: Parameters<typeof resolveStorageFlags>[2],
): string {
  const storage = resolveStorageFlags(command, values, context);
  if (storage.databaseUrl !== undefined || storage.dataDir === undefined) {
    throw new CliError(
      'INVALID_OPTION',
      `${command} works on the embedded SQLite store; for PostgreSQL use pg_dump / pg_restore (see the README, "Backup and restore")`,
      command,
    );
  }
  return storage.dataDir;
}

function storeFailure(command: string, error: unknown): never {
  if (error instanceof StoreError) throw new CliError('INVALID_OPTION', error.message, command);
  throw error;
}

/** `glassbox backup --out FILE`: an online, consistent copy of the SQLite database. */
export const backupCommand: Command = {
  async run(argv, context) {
    const { values } = parseFlags('backup', argv, FLAGS);
    if (values.help) {
      context.stdout.write(BACKUP_HELP);
      return 0;
    }
    if (!values.out) throw new CliError('MISSING_OPTION', 'backup needs --out FILE', 'backup');
    if (values.from !== undefined) {
      throw new CliError('INVALID_OPTION', '--from belongs to glassbox restore', 'backup');
    }
    const dataDir = sqliteDirOf('backup', values, context);
    const started = Date.now();
    let bytes = 0;
    try {
      bytes = backupSqlite(dataDir, values.out);
    } catch (error) {
      storeFailure('backup', error);
    }
    context.stdout.write(
      `Backed up ${dataDir} to ${values.out} (${(bytes / 1e6).toFixed(1)} MB in ${Date.now() - started} ms).\n`,
    );
    return 0;
  },
};

/** `glassbox restore --from FILE`: puts a backup in place in a stopped data directory. */
export const restoreCommand: Command = {
  async run(argv, context) {
    const { values } = parseFlags('restore', argv, FLAGS);
    if (values.help) {
      context.stdout.write(RESTORE_HELP);
      return 0;
    }
    if (!values.from) throw new CliError('MISSING_OPTION', 'restore needs --from FILE', 'restore');
    if (values.out !== undefined) {
      throw new CliError('INVALID_OPTION', '--out belongs to glassbox backup', 'restore');
    }
    const dataDir = sqliteDirOf('restore', values, context);
    let replaced: string | undefined;
    try {
      replaced = restoreSqlite(dataDir, values.from).replaced;
    } catch (error) {
      storeFailure('restore', error);
    }
    context.stdout.write(
      `Restored ${values.from} into ${dataDir}.` +
        (replaced ? ` The previous database is kept as ${replaced}.` : '') +
        '\n',
    );
    return 0;
  },
};
