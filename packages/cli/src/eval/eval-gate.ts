import { ARTIFACT_KINDS, type ArtifactKind } from '@glassbox/core/artifacts';
import type { CliContext } from '../cli-context.js';
import { envValue } from '../env-value.js';
import { serverClient } from '../server-client.js';

/** The artifact version an eval run gates: `prompt/support@3`. */
export interface GateRef {
  kind: ArtifactKind;
  name: string;
  version: number;
}

const GATE_REF = /^([a-z]+)\/([A-Za-z0-9][A-Za-z0-9._-]{0,127})@v?(\d{1,9})$/;

/**
 * Parses `--gate KIND/NAME@VERSION`; undefined when the flag is absent. Throws `usage` (the
 * command's own usage error) naming the expected shape.
 *
 * @example parseGateRef('prompt/support@3', (m) => new Error(m)) // { kind: 'prompt', name: 'support', version: 3 }
 */
export function parseGateRef(
  value: string | undefined,
  usage: (message: string) => Error,
): GateRef | undefined {
  if (value === undefined) return undefined;
  const match = GATE_REF.exec(value);
  const kind = ARTIFACT_KINDS.find((k) => k === match?.[1]);
  if (!match || !kind || Number(match[3]) < 1) {
    throw usage(
      `invalid --gate "${value}": expected KIND/NAME@VERSION with KIND one of ${ARTIFACT_KINDS.join(', ')}, e.g. prompt/support@3`,
    );
  }
  return { kind, name: match[2]!, version: Number(match[3]) };
}

/** What an eval run concluded, as the gate records it. */
export interface GateOutcome {
  passed: boolean;
  /** 0-100, as the eval reports it. */
  passRatePercent: number;
  total: number;
  summary: string;
}

/**
 * Records the run's outcome as the version's eval gate on the Glassbox server (`--server`, else
 * GLASSBOX_ENDPOINT, else loopback): what lets a protected label move to it.
 *
 * @example await postEvalGate(ref, outcome, { server: 'http://127.0.0.1:4318' }, context);
 */
export async function postEvalGate(
  ref: GateRef,
  outcome: GateOutcome,
  flags: { server?: string | undefined },
  context: CliContext,
): Promise<{ id: string }> {
  const server = serverClient('eval', { url: flags.server }, context);
  const actor = envValue(context.env, 'GLASSBOX_ACTOR') ?? envValue(context.env, 'USER') ?? 'eval';
  return server.call<{ id: string }>(
    'POST',
    `/api/artifacts/${ref.kind}/${encodeURIComponent(ref.name)}/versions/${ref.version}/gates`,
    {
      passed: outcome.passed,
      passRate: Math.min(1, Math.max(0, outcome.passRatePercent / 100)),
      total: outcome.total,
      summary: outcome.summary,
      actor,
    },
  );
}
