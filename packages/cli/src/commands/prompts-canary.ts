import { ARTIFACT_KINDS, canaryBoundary, type StoredCanary } from '@glassbox/core/artifacts';
import { CliError } from '../cli-error.js';
import type { ServerClient } from '../server-client.js';

/** The flags `prompts canary` reads. */
export interface CanaryFlags {
  kind?: string;
  version?: string;
  percent?: string;
  unit?: string;
  label?: string;
  evaluators?: string;
  metrics?: string;
  ramp?: string;
  'min-samples'?: string;
  alpha?: string;
  reason?: string;
}

export const CANARY_HELP = `  canary start NAME --version N --percent P   Split a label's traffic by hashed unit; the
                          online evaluator judges both arms (errors and --evaluators) with
                          an mSPRT gate: killed on a regression (the label stays, an incident
                          opens), promoted after --min-samples per arm (the label moves)
      --unit user|session default user
      --evaluators A,B    Online evaluator scores that also gate it (each must be scored
                          by a sampling rule of the project)
      --metrics A,B       Failure metrics besides the evaluators (default error)
      --ramp 1,5,25,100   Percent steps after --percent, each taken after a passing step
      --min-samples N     Outcomes per arm and metric before a step passes
      --alpha A           The gate's significance level (default 0.01)
      --kind KIND         prompt (default), model, agent or tools
  canary status NAME      The running (or last) canary: both arms per metric, the always-valid
                          p-value and the kill boundary
      --kind KIND         as above
`;

const usage = (message: string) => new CliError('INVALID_OPTION', message, 'prompts');

function numberList(flag: string, value: string): number[] {
  return value.split(',').map((part) => {
    const n = Number(part.trim());
    if (part.trim() === '' || !Number.isFinite(n))
      throw usage(
        `invalid ${flag} "${value}": expected numbers separated by commas, e.g. 1,5,25,100`,
      );
    return n;
  });
}

function nameList(flag: string, value: string): string[] {
  const names = value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (names.length === 0)
    throw usage(`invalid ${flag} "${value}": expected names separated by commas`);
  return names;
}

function number(flag: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n))
    throw usage(`invalid ${flag} "${value}": expected a number`);
  return n;
}

/** The artifact a canary command acts on: `--kind` (default prompt) and NAME. */
export function canaryPath(flags: CanaryFlags, name: string): string {
  const kind = flags.kind ?? 'prompt';
  if (!(ARTIFACT_KINDS as readonly string[]).includes(kind))
    throw usage(`invalid --kind "${kind}": expected one of ${ARTIFACT_KINDS.join(', ')}`);
  return `/api/artifacts/${kind}/${encodeURIComponent(name)}/canary`;
}

/** The POST body of `canary start`, from its flags; the server checks ranges and names. */
export function canaryStartBody(flags: CanaryFlags, actor: string): Record<string, unknown> {
  if (flags.version === undefined || flags.percent === undefined)
    throw new CliError(
      'MISSING_OPTION',
      'canary start needs --version N and --percent P',
      'prompts',
    );
  const version = Number(flags.version);
  if (!Number.isInteger(version) || version < 1)
    throw usage(`invalid --version "${flags.version}": expected a whole number from 1`);
  return {
    version,
    percent: number('--percent', flags.percent),
    ...(flags.unit !== undefined ? { unit: flags.unit } : {}),
    ...(flags.label !== undefined ? { label: flags.label } : {}),
    ...(flags.evaluators !== undefined
      ? { evaluators: nameList('--evaluators', flags.evaluators) }
      : {}),
    ...(flags.metrics !== undefined ? { metrics: nameList('--metrics', flags.metrics) } : {}),
    ...(flags.ramp !== undefined ? { ramp: numberList('--ramp', flags.ramp) } : {}),
    ...(flags['min-samples'] !== undefined
      ? { minSamples: number('--min-samples', flags['min-samples']) }
      : {}),
    ...(flags.alpha !== undefined ? { alpha: number('--alpha', flags.alpha) } : {}),
    ...(flags.reason !== undefined ? { reason: flags.reason } : {}),
    actor,
  };
}

const pct = (failures: number, trials: number) =>
  trials === 0 ? '-' : `${((failures / trials) * 100).toFixed(2)} %`;

/**
 * A canary as text: its state and step, then one line per gate metric with both arms, the
 * always-valid p-value against alpha and the rise over control that would kill it now.
 *
 * @example formatCanary('support', canary) // 'support v2 on production: running at 5 % ...'
 */
export function formatCanary(name: string, canary: StoredCanary): string {
  const { spec, status, reason } = canary.state;
  const lines = [
    `${name} v${spec.version} on ${spec.label}: ${status} at ${spec.percent} % of ${spec.unit}s` +
      (spec.ramp.length > 0 ? `, ramp next ${spec.ramp.join(' -> ')} %` : '') +
      `, min ${spec.minSamples} per arm, alpha ${spec.alpha}`,
  ];
  if (reason) lines.push(`  ${reason}`);
  for (const [metric, m] of Object.entries(canary.state.metrics)) {
    const boundary = canaryBoundary(m, spec.alpha, spec.tau).boundaryDifference;
    lines.push(
      `  ${metric}: control ${pct(m.control.successes, m.control.trials)} (${m.control.successes}/${m.control.trials})` +
        `  canary ${pct(m.treatment.successes, m.treatment.trials)} (${m.treatment.successes}/${m.treatment.trials})` +
        `  p ${m.pValue.toPrecision(3)}` +
        (boundary === undefined ? '' : `  kills above +${(boundary * 100).toFixed(2)} points`),
    );
  }
  return lines.join('\n');
}

/** `glassbox prompts canary start|status NAME`. */
export async function runCanary(
  args: string[],
  flags: CanaryFlags,
  server: ServerClient,
  out: (text: string) => void,
  actor: string,
): Promise<void> {
  const [action, name, ...extra] = args;
  if (action !== 'start' && action !== 'status')
    throw new CliError(
      'UNKNOWN_COMMAND',
      `unknown prompts canary action "${action ?? ''}" (actions: start, status)`,
      'prompts',
    );
  if (name === undefined || extra.length > 0)
    throw usage(
      `prompts canary ${action} takes one NAME; got ${args.slice(1).join(' ') || 'none'}`,
    );
  const path = canaryPath(flags, name);
  if (action === 'start') {
    const canary = await server.call<StoredCanary>('POST', path, canaryStartBody(flags, actor));
    out(`Started: ${formatCanary(name, canary)}`);
    return;
  }
  out(formatCanary(name, await server.call<StoredCanary>('GET', path)));
}
