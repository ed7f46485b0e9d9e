import { CliError } from '../cli-error.js';
import type { Command } from '../cli-context.js';
import { openStorageForCli } from '../open-storage-for-cli.js';
import { parseFlags } from '../parse-flags.js';
import { resolveStorageFlags, STORAGE_FLAGS, STORAGE_FLAGS_HELP } from '../storage-flags.js';

const HELP = `Usage: glassbox delete (--user ID | --session ID | --trace ID) [--project NAME] [options]

Deletes on request every trace of one user, session or trace id: spans, findings, search
text, observations and replays, in one transaction. Reports what it removed and records the
deletion in the audit log.

Options:
  --user ID            Delete every trace of this user id
  --session ID         Delete every trace of this session id
  --trace ID           Delete this trace
  --project NAME       The project (default: default)
${STORAGE_FLAGS_HELP}
  -h, --help           Show this help
`;

const FLAGS = {
  user: { type: 'string' },
  session: { type: 'string' },
  trace: { type: 'string' },
  project: { type: 'string' },
  ...STORAGE_FLAGS,
  help: { type: 'boolean', short: 'h' },
} as const;

/** `glassbox delete --user ID`: deletion on request, straight on the storage. */
export const deleteCommand: Command = {
  async run(argv, context) {
    const { values } = parseFlags('delete', argv, FLAGS);
    if (values.help) {
      context.stdout.write(HELP);
      return 0;
    }
    const given = (
      [
        ['userId', values.user],
        ['sessionId', values.session],
        ['traceId', values.trace],
      ] as const
    ).filter(([, v]) => v !== undefined);
    if (given.length !== 1) {
      throw new CliError(
        given.length === 0 ? 'MISSING_OPTION' : 'INVALID_OPTION',
        'delete needs exactly one of --user, --session or --trace',
        'delete',
      );
    }
    const [name, raw] = given[0]!;
    const value = raw ?? '';
    if (value.trim() === '') {
      throw new CliError(
        'INVALID_OPTION',
        `--${name.replace('Id', '')} must not be empty`,
        'delete',
      );
    }
    const storageOptions = resolveStorageFlags('delete', values, context);
    const storage = await openStorageForCli(storageOptions);
    try {
      const projectName = values.project ?? 'default';
      const project = (await storage.projects.listProjects()).find((p) => p.name === projectName);
      if (!project) throw new CliError('INVALID_OPTION', `no project "${projectName}"`, 'delete');
      const selector = { [name]: value } as { userId: string };
      const result = await storage.maintenance.deleteTraces(project.id, selector);
      await storage.audit.append({
        projectId: project.id,
        atMs: Date.now(),
        actor: 'cli',
        action: 'data.deleted',
        target: `${name}:${value}`,
        before: null,
        after: result,
      });
      context.stdout.write(
        `Deleted ${result.traces} traces (${result.spans} spans) of ${name} ${value} in project "${projectName}".\n`,
      );
    } finally {
      await storage.close();
    }
    return 0;
  },
};
