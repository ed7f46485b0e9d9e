import { CliError } from '../cli-error.js';
import type { Command } from '../cli-context.js';
import { openStorageForCli } from '../open-storage-for-cli.js';
import { parseFlags } from '../parse-flags.js';
import { resolveStorageFlags, STORAGE_FLAGS, STORAGE_FLAGS_HELP } from '../storage-flags.js';

const HELP = `Usage: glassbox keys <subcommand> [options]

Manages API keys. Clients send a key as \`Authorization: Bearer <key>\`; once any key
exists, the server may listen beyond loopback.

Subcommands:
  create --project NAME   Create a key for a project (created if new); prints it once

Run \`glassbox keys create --help\` for its options.
`;

const CREATE_HELP = `Usage: glassbox keys create --project NAME [options]

Creates an API key for the project NAME (creating the project if it does not exist) and
prints the key. Only a hash is stored: copy the key now, it cannot be shown again.

Options:
  --project NAME       Project the key writes to and reads from (required)
${STORAGE_FLAGS_HELP}
  -h, --help           Show this help
`;

const CREATE_FLAGS = {
  project: { type: 'string' },
  ...STORAGE_FLAGS,
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * `glassbox keys create --project NAME`: creates the project if needed and prints a new key.
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
    if (sub !== 'create') {
      throw new CliError(
        'UNKNOWN_COMMAND',
        `unknown subcommand "keys ${sub}" (known: create)`,
        'keys',
      );
    }
    const { values } = parseFlags('keys create', rest, CREATE_FLAGS);
    if (values.help) {
      context.stdout.write(CREATE_HELP);
      return 0;
    }
    const name = values.project?.trim();
    if (!name) {
      throw new CliError('MISSING_OPTION', 'keys create needs --project NAME', 'keys create');
    }
    if (/[\p{Cc}]/u.test(name) || name.length > 200) {
      throw new CliError(
        'INVALID_OPTION',
        `invalid --project "${name.slice(0, 40)}": use up to 200 printable characters`,
        'keys create',
      );
    }
    const storageOptions = resolveStorageFlags('keys create', values, context);
    const storage = await openStorageForCli(storageOptions);
    try {
      const project = await storage.projects.ensureProject(name);
      const { key } = await storage.projects.createApiKey(project.id);
      context.stdout.write(
        `Created an API key for project "${project.name}" (${storageOptions.description}):\n\n` +
          `  ${key}\n\n` +
          `Copy it now: only its hash is stored, it cannot be shown again.\n` +
          `Send it with every request as \`Authorization: Bearer <key>\`, e.g. for OTLP exporters:\n` +
          `  export OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer ${key}"\n`,
      );
    } finally {
      await storage.close();
    }
    return 0;
  },
};
