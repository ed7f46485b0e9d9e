import { writeFile } from 'node:fs/promises';
import { POSTMORTEM_FORMATS, type PostmortemFormat } from '@glassbox/core/postmortem';
import { WorkspaceError } from '@glassbox/core/incidents';
import {
  IncidentNotFound,
  postmortemOf,
  postmortemVersion,
  workspacePortsOf,
} from '@glassbox/server';
import { CliError } from '../cli-error.js';
import type { Command } from '../cli-context.js';
import { openStorageForCli } from '../open-storage-for-cli.js';
import { parseFlags } from '../parse-flags.js';
import { projectIdOf } from '../project-flag.js';
import { resolveStorageFlags, STORAGE_FLAGS, STORAGE_FLAGS_HELP } from '../storage-flags.js';

const HELP = `Usage: glassbox postmortem INCIDENT_ID [options]

Writes the incident's postmortem draft, assembled from the stored evidence: the four
questions (output, what changed, isolated or systematic, detection gap), the version
snapshot at the start, failing and healthy traces, layer shares, scope, root-cause category
(or an abstention) and proof of recovery. Every statement cites its source.

Options:
  --format md|yaml|json  md for people (default), yaml with the template keys (incident,
                       symptom, timeline, root_cause, detection_gap, resolution), json with
                       every evidence link
  --version N|latest   A reviewed version saved from the incident page (Markdown; 0 is
                       the generated draft, latest the newest saved one)
  --out FILE           Write to FILE instead of standard output
  --project NAME       The incident's project (default: default)
${STORAGE_FLAGS_HELP}
  -h, --help           Show this help
`;

const FLAGS = {
  format: { type: 'string' },
  out: { type: 'string' },
  version: { type: 'string' },
  project: { type: 'string' },
  ...STORAGE_FLAGS,
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * `glassbox postmortem INCIDENT_ID`: reads the storage directly (no server needed) and writes
 * the draft.
 *
 * @example
 * await postmortemCommand.run(['inc-1', '--format', 'yaml'], context);
 */
export const postmortemCommand: Command = {
  async run(argv, context) {
    const [first, ...rest] = argv;
    const incidentId = first !== undefined && !first.startsWith('-') ? first : undefined;
    const { values } = parseFlags('postmortem', incidentId ? rest : argv, FLAGS);
    if (values.help) {
      context.stdout.write(HELP);
      return 0;
    }
    if (!incidentId) {
      throw new CliError(
        'MISSING_OPTION',
        'postmortem needs an INCIDENT_ID (list them with GET /api/incidents or on the Incidents page)',
        'postmortem',
      );
    }
    const format = (values.format ?? 'md') as PostmortemFormat;
    if (!POSTMORTEM_FORMATS.includes(format)) {
      throw new CliError(
        'INVALID_OPTION',
        `invalid --format "${values.format}": expected one of ${POSTMORTEM_FORMATS.join(', ')}`,
        'postmortem',
      );
    }
    const version = values.version;
    if (version !== undefined && !/^(\d{1,9}|latest)$/.test(version)) {
      throw new CliError(
        'INVALID_OPTION',
        `invalid --version "${version}": expected a number (0 is the generated draft) or latest`,
        'postmortem',
      );
    }
    if (version !== undefined && format !== 'md') {
      throw new CliError(
        'INVALID_OPTION',
        '--version reads a saved Markdown version; it cannot be combined with --format yaml or json',
        'postmortem',
      );
    }
    const storageOptions = resolveStorageFlags('postmortem', values, context);
    const storage = await openStorageForCli(storageOptions);
    try {
      const projectId = await projectIdOf(values.project, storage.projects, 'postmortem');
      const ports = workspacePortsOf(storage);
      const read =
        version === undefined
          ? postmortemOf(ports, projectId, incidentId, format)
          : postmortemVersion(
              ports,
              projectId,
              incidentId,
              version === 'latest' ? 'latest' : Number(version),
            );
      const { text } = await read.catch((error: unknown) => {
        if (error instanceof WorkspaceError)
          throw new CliError('NOT_FOUND', error.message, 'postmortem');
        if (error instanceof IncidentNotFound) {
          throw new CliError(
            'NOT_FOUND',
            `${error.message} in project ${projectId} (${storageOptions.description})`,
            'postmortem',
          );
        }
        throw error;
      });
      if (values.out) {
        await writeFile(values.out, text);
        context.stdout.write(`Wrote the postmortem of ${incidentId} to ${values.out}\n`);
      } else context.stdout.write(text);
    } finally {
      await storage.close();
    }
    return 0;
  },
};
