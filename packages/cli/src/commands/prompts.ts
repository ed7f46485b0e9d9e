import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type {
  ArtifactEvent,
  ArtifactVersion,
  LabelMove,
  ResolvedArtifact,
} from '@glassbox/core/artifacts';
import { CliError } from '../cli-error.js';
import type { CliContext, Command } from '../cli-context.js';
import { envValue } from '../env-value.js';
import { parseFlags } from '../parse-flags.js';
import { CANARY_HELP, runCanary } from './prompts-canary.js';
import { serverClient, type ServerClient } from '../server-client.js';

const HELP = `Usage: glassbox prompts <push|get|label|rollback|history|canary> NAME [options]

Manages prompt versions in the registry of a running Glassbox server. Versions never change;
labels (production, staging, ...) point at them and every move is kept in the audit trail.

  push NAME --file FILE | --text TEXT   Create the next version. FILE holds a chat template
                          (a JSON array of {role, content} messages, {{variables}} inside),
                          or {"content": ..., "config": {...}}; other files are a text template.
      --config JSON       Settings stored with it (e.g. '{"temperature":0}')
      --message TEXT      Why this version exists
      --label LABEL       Also point LABEL at the new version (needs --reason)
  get NAME                Print the version a label serves (JSON)
      --label LABEL       default production; or --version N for one version
      --session ID        Resolve as this session would (pins it)
  label NAME LABEL VERSION --reason TEXT   Point LABEL at VERSION
  rollback NAME --reason TEXT   Undo the label's last move (back to the version it replaced)
      --label LABEL       default production
      --to N              Move to version N instead
  history NAME            Label moves and revocations, newest first
      --limit N           default 20
${CANARY_HELP}
Options for every subcommand:
  --url URL               The server (default GLASSBOX_ENDPOINT or ${'http://127.0.0.1:4318'})
  --api-key KEY           default GLASSBOX_API_KEY
  --actor NAME            Who the audit trail names (default GLASSBOX_ACTOR, USER, or cli)
  -h, --help              Show this help
`;

const FLAGS = {
  file: { type: 'string' },
  text: { type: 'string' },
  config: { type: 'string' },
  message: { type: 'string' },
  label: { type: 'string' },
  version: { type: 'string' },
  session: { type: 'string' },
  reason: { type: 'string' },
  to: { type: 'string' },
  limit: { type: 'string' },
  kind: { type: 'string' },
  percent: { type: 'string' },
  unit: { type: 'string' },
  evaluators: { type: 'string' },
  metrics: { type: 'string' },
  ramp: { type: 'string' },
  'min-samples': { type: 'string' },
  alpha: { type: 'string' },
  url: { type: 'string' },
  'api-key': { type: 'string' },
  actor: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const SUBCOMMANDS = ['push', 'get', 'label', 'rollback', 'history', 'canary'] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];
type Values = ReturnType<typeof parseFlags<typeof FLAGS>>['values'];

const usage = (message: string) => new CliError('INVALID_OPTION', message, 'prompts');
const missing = (message: string) => new CliError('MISSING_OPTION', message, 'prompts');

function positiveInt(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw usage(`invalid ${flag} "${value}": expected a whole number from 1`);
  return n;
}

function jsonFlag(flag: string, value: string): unknown {
  try {
    return JSON.parse(value);
  } catch (error) {
    throw usage(`invalid ${flag}: ${(error as Error).message}`);
  }
}

/** The body of a push: a chat template, `{content, config}`, or a text template. */
async function pushBody(values: Values, cwd: string): Promise<Record<string, unknown>> {
  if ((values.file === undefined) === (values.text === undefined)) {
    throw missing('push needs exactly one of --file FILE or --text TEXT');
  }
  let body: Record<string, unknown>;
  if (values.text !== undefined) body = { content: values.text };
  else {
    const path = resolve(cwd, values.file!);
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw usage(`cannot read --file ${path}: ${error.code ?? error.message}`);
    });
    let parsed: unknown = text;
    if (/\.json$/i.test(path)) parsed = jsonFlag(`--file ${path}`, text);
    const wrapped =
      typeof parsed === 'object' &&
      parsed !== null &&
      !Array.isArray(parsed) &&
      'content' in parsed;
    body = wrapped ? { ...(parsed as Record<string, unknown>) } : { content: parsed };
  }
  if (values.config !== undefined) body.config = jsonFlag('--config', values.config);
  if (values.message !== undefined) body.message = values.message;
  return body;
}

const artifactPath = (name: string) => `/api/artifacts/prompt/${encodeURIComponent(name)}`;

function formatEvent(e: ArtifactEvent): string {
  const when = new Date(e.atMs).toISOString();
  const what = ((): string => {
    switch (e.type) {
      case 'label_moved':
        return `${e.label}: ${e.from === undefined ? '(new)' : `v${e.from}`} -> v${e.to}${e.override ? ' (override)' : ''}${e.gateId !== undefined ? ' (eval gate passed)' : ''}`;
      case 'version_revoked':
        return `v${e.version} revoked`;
      case 'canary_started':
      case 'canary_killed':
        return `canary of v${e.version} ${e.type === 'canary_started' ? 'started' : 'killed'}`;
      case 'gate_recorded':
        return `eval gate of v${e.version} ${e.passed ? 'passed' : 'failed'} (${(e.passRate * 100).toFixed(1)} %)`;
      default:
        return `${e.label} ${e.type.slice('label_'.length)}`;
    }
  })();
  const incident = e.incidentId === undefined ? '' : ` [incident ${e.incidentId}]`;
  return `${when}  ${what}  by ${e.actor}: ${e.reason}${incident}`;
}

async function run(
  sub: Subcommand,
  args: string[],
  values: Values,
  server: ServerClient,
  context: CliContext,
  actor: string,
): Promise<void> {
  const out = (text: string) => context.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  if (sub === 'canary') return runCanary(args, values, server, out, actor);
  const [name, ...extra] = args;
  if (name === undefined) throw missing(`prompts ${sub} needs a prompt NAME`);
  const base = artifactPath(name);
  const expectArgs = (n: number, shape: string) => {
    if (extra.length !== n)
      throw usage(`prompts ${sub} takes ${shape}; got ${[name, ...extra].join(' ')}`);
  };
  switch (sub) {
    case 'push': {
      expectArgs(0, 'NAME');
      if (values.label !== undefined && values.reason === undefined)
        throw missing('push --label needs --reason');
      const created = await server.call<ArtifactVersion>('POST', `${base}/versions`, {
        ...(await pushBody(values, context.cwd)),
        actor,
      });
      out(`Created ${name} v${created.version} (sha256 ${created.hash.slice(0, 12)})`);
      if (values.label !== undefined) {
        await server.call('PUT', `${base}/labels/${encodeURIComponent(values.label)}`, {
          version: created.version,
          reason: values.reason,
          actor,
        });
        out(`${values.label} -> v${created.version}`);
      }
      return;
    }
    case 'get': {
      expectArgs(0, 'NAME');
      if (values.version !== undefined) {
        out(
          JSON.stringify(
            await server.call(
              'GET',
              `${base}/versions/${positiveInt('--version', values.version)}`,
            ),
            null,
            2,
          ),
        );
        return;
      }
      const query = new URLSearchParams({ label: values.label ?? 'production' });
      if (values.session !== undefined) query.set('sessionId', values.session);
      out(JSON.stringify(await server.call<ResolvedArtifact>('GET', `${base}?${query}`), null, 2));
      return;
    }
    case 'label': {
      expectArgs(2, 'NAME LABEL VERSION');
      if (values.reason === undefined)
        throw missing('label needs --reason (it is kept in the audit trail)');
      const move = await server.call<LabelMove>(
        'PUT',
        `${base}/labels/${encodeURIComponent(extra[0]!)}`,
        {
          version: positiveInt('VERSION', extra[1]!),
          reason: values.reason,
          actor,
        },
      );
      out(`${move.label}: ${move.from === undefined ? '(new)' : `v${move.from}`} -> v${move.to}`);
      return;
    }
    case 'rollback': {
      expectArgs(0, 'NAME');
      if (values.reason === undefined)
        throw missing('rollback needs --reason (it is kept in the audit trail)');
      const label = values.label ?? 'production';
      let to = values.to === undefined ? undefined : positiveInt('--to', values.to);
      if (to === undefined) {
        const { items } = await server.call<{ items: ArtifactEvent[] }>(
          'GET',
          `${base}/history?limit=1000`,
        );
        const last = items.find((e) => e.type === 'label_moved' && e.label === label);
        if (!last || last.type !== 'label_moved' || last.from === undefined) {
          throw new CliError(
            'NOT_FOUND',
            `${label} of ${name} has no earlier version to roll back to; pass --to N`,
            'prompts',
          );
        }
        to = last.from;
      }
      const move = await server.call<LabelMove>(
        'PUT',
        `${base}/labels/${encodeURIComponent(label)}`,
        { version: to, reason: values.reason, actor },
      );
      out(`Rolled back ${name} ${label}: v${move.from ?? '?'} -> v${move.to}`);
      return;
    }
    case 'history': {
      expectArgs(0, 'NAME');
      const limit = values.limit === undefined ? 20 : positiveInt('--limit', values.limit);
      const { items } = await server.call<{ items: ArtifactEvent[] }>(
        'GET',
        `${base}/history?limit=${limit}`,
      );
      out(
        items.length === 0 ? `${name} has no label moves yet` : items.map(formatEvent).join('\n'),
      );
      return;
    }
  }
}

/**
 * `glassbox prompts push|get|label|rollback|history|canary`: the prompt registry of a running server,
 * over its HTTP API (so label moves reach connected SDK clients at once).
 *
 * @example
 * await promptsCommand.run(['rollback', 'support', '--reason', 'refusals up'], context);
 */
export const promptsCommand: Command = {
  async run(argv, context) {
    const [sub, ...rest] = argv;
    if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
      context.stdout.write(HELP);
      return 0;
    }
    if (!(SUBCOMMANDS as readonly string[]).includes(sub)) {
      throw new CliError(
        'UNKNOWN_COMMAND',
        `unknown prompts subcommand "${sub}" (subcommands: ${SUBCOMMANDS.join(', ')})`,
        'prompts',
      );
    }
    const firstFlag = rest.findIndex((arg) => arg.startsWith('-'));
    const args = firstFlag === -1 ? rest : rest.slice(0, firstFlag);
    const { values } = parseFlags('prompts', firstFlag === -1 ? [] : rest.slice(firstFlag), FLAGS);
    if (values.help) {
      context.stdout.write(HELP);
      return 0;
    }
    const actor =
      values.actor ??
      envValue(context.env, 'GLASSBOX_ACTOR') ??
      envValue(context.env, 'USER') ??
      'cli';
    await run(
      sub as Subcommand,
      args,
      values,
      serverClient('prompts', values, context),
      context,
      actor,
    );
    return 0;
  },
};
