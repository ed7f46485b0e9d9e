import { API_KEY_SCOPES, type ApiKeyScope } from '@glassbox/core/api';
import type { ApiKeyRecord, Storage } from '@glassbox/store';
import { CliError } from '../cli-error.js';
import type { CliContext, Command } from '../cli-context.js';
import { parseDurationFlag } from '../duration-flag.js';
import { openStorageForCli } from '../open-storage-for-cli.js';
import { parseFlags } from '../parse-flags.js';
import { resolveStorageFlags, STORAGE_FLAGS, STORAGE_FLAGS_HELP } from '../storage-flags.js';

const SUBCOMMANDS = ['create', 'list', 'revoke', 'rotate'] as const;
const DAY_MS = 86_400_000;

const HELP = `Usage: glassbox keys <subcommand> [options]

Manages API keys. Clients send a key as \`Authorization: Bearer <key>\`; once any key
exists, the server may listen beyond loopback.

Scopes: ingest (OTLP endpoints only), read (query API and UI), admin (settings, monitors,
keys, artifacts, deletes; includes read). A project's first key gets all three.

Subcommands:
  create --project NAME    Create a key (ingest+read unless --scopes); prints it once
  list [--project NAME]    Prefix, project, scopes, created, last used, expiry; never the key
  revoke KEY               Revoke a key by its prefix or id (fails on every server within 1 s)
  rotate KEY --grace 1h    A new key with the same scopes; the old one works for the grace

Options (every subcommand):
${STORAGE_FLAGS_HELP}
  -h, --help           Show this help
`;

const SUB_USAGE = {
  create: 'create --project NAME [--scopes ingest,read,admin] [--expires-in-days N] [options]',
  list: 'list [--project NAME] [options]',
  revoke: 'revoke KEY [options]',
  rotate: 'rotate KEY --grace DURATION [options]',
} as const;

const FLAGS = {
  project: { type: 'string' },
  scopes: { type: 'string' },
  'expires-in-days': { type: 'string' },
  grace: { type: 'string' },
  ...STORAGE_FLAGS,
  help: { type: 'boolean', short: 'h' },
} as const;

function parseScopesFlag(raw: string | undefined): ApiKeyScope[] | undefined {
  if (raw === undefined) return undefined;
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.find((n) => !(API_KEY_SCOPES as readonly string[]).includes(n));
  if (unknown !== undefined || names.length === 0) {
    throw new CliError(
      'INVALID_OPTION',
      `invalid --scopes "${raw}": use a comma-separated list of ${API_KEY_SCOPES.join(', ')}`,
      'keys create',
    );
  }
  return names as ApiKeyScope[];
}

function parseDays(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    throw new CliError(
      'INVALID_OPTION',
      `invalid --expires-in-days "${raw}": use a whole number from 1 to 3650`,
      'keys create',
    );
  }
  return days;
}

function checkProjectName(raw: string | undefined, command: string): string {
  const name = raw?.trim();
  if (!name) throw new CliError('MISSING_OPTION', `${command} needs --project NAME`, command);
  if (/[\p{Cc}]/u.test(name) || name.length > 200) {
    throw new CliError(
      'INVALID_OPTION',
      `invalid --project "${name.slice(0, 40)}": use up to 200 printable characters`,
      command,
    );
  }
  return name;
}

const when = (ms: number | null): string => (ms === null ? '-' : new Date(ms).toISOString());

function keyTable(keys: ApiKeyRecord[], projectNames: Map<string, string>): string {
  const rows = [['PREFIX', 'PROJECT', 'SCOPES', 'CREATED', 'LAST USED', 'EXPIRES', 'STATE']];
  const nowMs = Date.now();
  for (const k of keys) {
    const state =
      k.revokedAtMs !== null
        ? 'revoked'
        : k.expiresAtMs !== null && k.expiresAtMs <= nowMs
          ? 'expired'
          : 'active';
    rows.push([
      k.prefix,
      projectNames.get(k.projectId) ?? k.projectId,
      k.scopes.join(','),
      when(k.createdAtMs),
      when(k.lastUsedAtMs),
      when(k.expiresAtMs),
      state,
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

async function findKey(storage: Storage, ref: string | undefined, command: string) {
  if (!ref)
    throw new CliError('MISSING_OPTION', `${command} needs the key's prefix or id`, command);
  const found = await storage.projects.findApiKey(undefined, ref).catch((error: unknown) => {
    throw new CliError('INVALID_OPTION', (error as Error).message, command);
  });
  if (!found) {
    throw new CliError('INVALID_OPTION', `no key "${ref}" (see glassbox keys list)`, command);
  }
  return found;
}

async function audit(
  storage: Storage,
  projectId: string,
  action: string,
  target: string,
  before: unknown,
  after: unknown,
): Promise<void> {
  await storage.audit.append({
    projectId,
    atMs: Date.now(),
    actor: 'cli',
    action,
    target,
    before,
    after,
  });
}

const summary = (k: ApiKeyRecord) => ({
  prefix: k.prefix,
  scopes: k.scopes,
  expiresAtMs: k.expiresAtMs,
  revokedAtMs: k.revokedAtMs,
});

/**
 * `glassbox keys create|list|revoke|rotate`: the key lifecycle, straight on the storage the
 * server uses; every change goes to the audit log as `cli`.
 *
 * @example
 * await keysCommand.run(['create', '--project', 'shop'], context);
 */
export const keysCommand: Command = {
  async run(argv, context) {
    const [sub, ...rest] = argv;
    if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
      context.stdout.write(HELP);
      return 0;
    }
    if (!(SUBCOMMANDS as readonly string[]).includes(sub)) {
      throw new CliError(
        'UNKNOWN_COMMAND',
        `unknown subcommand "keys ${sub}" (known: ${SUBCOMMANDS.join(', ')})`,
        'keys',
      );
    }
    const command = `keys ${sub}`;
    // revoke and rotate name the key first: `keys revoke gbx_AbCd1234`.
    const positionals = rest[0] !== undefined && !rest[0].startsWith('-') ? [rest[0]] : [];
    const { values } = parseFlags(command, rest.slice(positionals.length), FLAGS);
    if (values.help) {
      context.stdout.write(
        `Usage: glassbox keys ${SUB_USAGE[sub as keyof typeof SUB_USAGE]}\n\n${HELP}`,
      );
      return 0;
    }
    const storageOptions = resolveStorageFlags(command, values, context);
    const run = { create, list, revoke, rotate }[
      sub as (typeof SUBCOMMANDS)[number]
    ] as Subcommand<unknown>;
    // Check the flags before touching storage, so a typo opens nothing.
    const prepared = run.prepare(values, positionals, command);
    const storage = await openStorageForCli(storageOptions);
    try {
      await run.execute(storage, prepared, context, storageOptions.description);
    } finally {
      await storage.close();
    }
    return 0;
  },
};

type Values = {
  project?: string | undefined;
  scopes?: string | undefined;
  'expires-in-days'?: string | undefined;
  grace?: string | undefined;
};

interface Subcommand<P> {
  prepare(values: Values, positionals: string[], command: string): P;
  execute(storage: Storage, prepared: P, context: CliContext, where: string): Promise<void>;
}

const create: Subcommand<{ name: string; scopes?: ApiKeyScope[]; days?: number }> = {
  prepare(values, _positionals, command) {
    const scopes = parseScopesFlag(values.scopes);
    const days = parseDays(values['expires-in-days']);
    return {
      name: checkProjectName(values.project, command),
      ...(scopes ? { scopes } : {}),
      ...(days ? { days } : {}),
    };
  },
  async execute(storage, { name, scopes, days }, context, where) {
    const project = await storage.projects.ensureProject(name);
    const { key, record } = await storage.projects.createApiKey(project.id, {
      ...(scopes ? { scopes } : {}),
      ...(days ? { expiresAtMs: Date.now() + days * DAY_MS } : {}),
    });
    await audit(storage, project.id, 'key.created', record.prefix, null, summary(record));
    context.stdout.write(
      `Created an API key for project "${project.name}" (${where}):\n\n` +
        `  ${key}\n\n` +
        `Scopes: ${record.scopes.join(', ')}${record.expiresAtMs === null ? '' : `; expires ${when(record.expiresAtMs)}`}\n` +
        `Copy it now: only its hash is stored, it cannot be shown again.\n` +
        `Send it with every request as \`Authorization: Bearer <key>\`, e.g. for OTLP exporters:\n` +
        `  export OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer ${key}"\n`,
    );
  },
};

const list: Subcommand<{ name?: string }> = {
  prepare(values, _positionals, command) {
    return values.project === undefined ? {} : { name: checkProjectName(values.project, command) };
  },
  async execute(storage, { name }, context) {
    const projects = await storage.projects.listProjects();
    const names = new Map(projects.map((p) => [p.id, p.name]));
    const projectId = name === undefined ? undefined : projects.find((p) => p.name === name)?.id;
    if (name !== undefined && projectId === undefined) {
      throw new CliError('INVALID_OPTION', `no project "${name}"`, 'keys list');
    }
    const keys = await storage.projects.listApiKeys(projectId);
    context.stdout.write(keys.length === 0 ? 'No API keys.\n' : `${keyTable(keys, names)}\n`);
  },
};

const revoke: Subcommand<{ ref: string | undefined }> = {
  prepare: (_values, positionals) => ({ ref: positionals[0] }),
  async execute(storage, { ref }, context) {
    const found = await findKey(storage, ref, 'keys revoke');
    const after = await storage.projects.revokeApiKey(found.projectId, found.id, Date.now());
    await audit(
      storage,
      found.projectId,
      'key.revoked',
      found.prefix,
      summary(found),
      after && summary(after),
    );
    context.stdout.write(`Revoked ${found.prefix}; servers refuse it within a second.\n`);
  },
};

const rotate: Subcommand<{ ref: string | undefined; graceMs: number }> = {
  prepare(values, positionals, command) {
    if (values.grace === undefined) {
      throw new CliError('MISSING_OPTION', `${command} needs --grace (e.g. 1h, or 0s)`, command);
    }
    const graceMs = /^0+(ms|s|m|h)?$/.test(values.grace.trim())
      ? 0
      : parseDurationFlag(command, '--grace', values.grace);
    return { ref: positionals[0], graceMs };
  },
  async execute(storage, { ref, graceMs }, context) {
    const found = await findKey(storage, ref, 'keys rotate');
    const rotated = await storage.projects
      .rotateApiKey(found.projectId, found.id, graceMs, Date.now())
      .catch((error: unknown) => {
        throw new CliError('INVALID_OPTION', (error as Error).message, 'keys rotate');
      });
    if (!rotated) throw new CliError('INVALID_OPTION', `no key "${ref}"`, 'keys rotate');
    await audit(storage, found.projectId, 'key.rotated', found.prefix, summary(found), {
      old: summary(rotated.old),
      new: summary(rotated.record),
    });
    context.stdout.write(
      `New key (scopes ${rotated.record.scopes.join(', ')}):\n\n  ${rotated.key}\n\n` +
        `The old key ${found.prefix} works until ${when(rotated.old.expiresAtMs)}.\n`,
    );
  },
};
