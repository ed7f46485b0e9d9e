import { readFile, writeFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { parseDatasetRef } from '@glassbox/core/evals';
import { CliError } from '../cli-error.js';
import type { Command } from '../cli-context.js';
import { envValue } from '../env-value.js';
import { parseFlags } from '../parse-flags.js';
import { serverClient } from '../server-client.js';

const HELP = `Usage: glassbox datasets <list|versions|import|export|add-traces> [NAME] [options]

Manages the versioned datasets of a running Glassbox server. Every change writes a new
immutable version; runs and comparisons name the version they used.

  list                      Datasets with their newest version
  versions NAME             A dataset's versions, newest first
  import NAME FILE          Write FILE (.jsonl or .csv) as the next version; a bad row refuses
                            the whole file, naming each bad line
      --append              Add to the newest version instead (same id replaces)
      --note TEXT           Why this version exists
  export NAME[@VERSION]     Print a version (newest by default)
      --format jsonl|csv    default jsonl, or the extension of -o
      -o, --output FILE     Write to FILE
  add-traces NAME TRACE_ID...  Add production traces as items (input, prompt variables,
                            retrieved context, answer, failure categories)

  --url URL                 The server (default GLASSBOX_ENDPOINT or http://127.0.0.1:4318)
  --api-key KEY             default GLASSBOX_API_KEY
  -h, --help                Show this help
`;

const FLAGS = {
  append: { type: 'boolean' },
  note: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  url: { type: 'string' },
  'api-key': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const SUBCOMMANDS = ['list', 'versions', 'import', 'export', 'add-traces'] as const;

interface Version {
  name: string;
  version: number;
  itemCount: number;
  createdAtMs: number;
  note?: string;
}

const usage = (message: string) => new CliError('INVALID_OPTION', message, 'datasets');
const describe = (v: Version) =>
  `${v.name}@${v.version}  ${v.itemCount} items  ${new Date(v.createdAtMs).toISOString()}${v.note ? `  ${v.note}` : ''}`;

/**
 * `glassbox datasets ...`: list, import, export and grow datasets on the server.
 *
 * @example
 * await datasetsCommand.run(['import', 'support', 'items.csv'], context);
 */
export const datasetsCommand: Command = {
  async run(argv, context) {
    const [sub, ...rest] = argv;
    if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
      context.stdout.write(HELP);
      return 0;
    }
    if (!(SUBCOMMANDS as readonly string[]).includes(sub))
      throw new CliError(
        'UNKNOWN_COMMAND',
        `unknown datasets subcommand "${sub}" (subcommands: ${SUBCOMMANDS.join(', ')})`,
        'datasets',
      );
    const firstFlag = rest.findIndex((arg) => arg.startsWith('-'));
    const args = firstFlag === -1 ? rest : rest.slice(0, firstFlag);
    const { values } = parseFlags('datasets', firstFlag === -1 ? [] : rest.slice(firstFlag), FLAGS);
    if (values.help) {
      context.stdout.write(HELP);
      return 0;
    }
    const server = serverClient('datasets', values, context);
    const out = (text: string) => context.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    const [name, ...extra] = args;
    if (sub === 'list') {
      const { items } = await server.call<{ items: Version[] }>('GET', '/api/datasets');
      out(items.length === 0 ? 'No datasets yet.' : items.map(describe).join('\n'));
      return 0;
    }
    if (name === undefined)
      throw new CliError('MISSING_OPTION', `datasets ${sub} needs a NAME`, 'datasets');
    const path = `/api/datasets/${encodeURIComponent(parseDatasetRef(name).name)}`;
    switch (sub) {
      case 'versions': {
        const { items } = await server.call<{ items: Version[] }>('GET', `${path}/versions`);
        out(items.map(describe).join('\n'));
        return 0;
      }
      case 'import': {
        const [file] = extra;
        if (file === undefined || extra.length !== 1)
          throw usage('datasets import takes NAME FILE');
        const format = extname(file).slice(1);
        if (format !== 'jsonl' && format !== 'csv')
          throw usage(`cannot import ${file}: expected a .jsonl or .csv file`);
        const text = await readFile(resolve(context.cwd, file), 'utf8').catch(
          (error: NodeJS.ErrnoException) => {
            throw usage(`cannot read ${file}: ${error.code ?? error.message}`);
          },
        );
        const created = await server.call<Version>('POST', `${path}/versions`, {
          import: { format, text },
          ...(values.append ? { append: true } : {}),
          ...(values.note !== undefined ? { note: values.note } : {}),
        });
        out(`Created ${describe(created)}`);
        return 0;
      }
      case 'export': {
        const ref = parseDatasetRef(name);
        const format = values.format ?? (values.output ? extname(values.output).slice(1) : 'jsonl');
        if (format !== 'jsonl' && format !== 'csv')
          throw usage(`invalid --format "${format}": expected jsonl or csv`);
        const version =
          ref.version ??
          (await server.call<{ items: Version[] }>('GET', `${path}/versions`)).items[0]?.version;
        const apiKey = values['api-key'] ?? envValue(context.env, 'GLASSBOX_API_KEY');
        const res = await fetch(
          `${server.url}${path}/versions/${version}/export?format=${format}`,
          {
            headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
          },
        );
        const text = await res.text();
        if (!res.ok) throw new CliError('REQUEST_REFUSED', text, 'datasets');
        if (values.output) await writeFile(resolve(context.cwd, values.output), text);
        else context.stdout.write(text);
        return 0;
      }
      default: {
        if (extra.length === 0) throw usage('datasets add-traces takes NAME TRACE_ID...');
        const created = await server.call<Version>('POST', `${path}/from-traces`, {
          traceIds: extra,
          ...(values.note !== undefined ? { note: values.note } : {}),
        });
        out(`Created ${describe(created)}`);
        return 0;
      }
    }
  },
};
