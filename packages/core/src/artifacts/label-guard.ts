import { ArtifactError } from './artifact-error.js';

/** A label's protection and hold: a protected label moves only through a passing eval gate. */
export interface LabelGuard {
  label: string;
  protected: boolean;
  /** Set while the label is held: moves are refused until it is released. */
  freeze?: { reason: string; incidentId?: string; actor: string; atMs: number };
}

/** The outcome of an eval run for one version, posted by `glassbox eval --gate` or any CI. */
export interface EvalGate {
  id: string;
  version: number;
  passed: boolean;
  /** Share of test cases that passed, 0-1. */
  passRate: number;
  total?: number;
  summary?: string;
  runId?: string;
  actor: string;
  atMs: number;
}

/** What stands behind a move beyond the label rules: an override, or a hold from an incident. */
export interface MoveAuthority {
  /** Moves a protected label without a passing gate; the reason is the audit trail's. */
  override?: boolean;
  /** The move is a hold's rollback: it passes a freeze and protection, naming the incident. */
  incidentId?: string;
  hold?: boolean;
}

/** How a move got past the label's guard, for the audit trail. */
export interface MoveClearance {
  gateId?: string;
  override?: true;
  incidentId?: string;
}

/**
 * Checks a move against the label's guard: a frozen label refuses every move but a hold's
 * (`label_frozen`); a protected label needs the newest gate of the target version to have
 * passed, or an explicit override (`label_protected`). Returns how the move was cleared.
 *
 * @example checkGuardedMove('production', 4, guard, newestGateOfV4, {}) // { gateId: 'g-1' }
 */
export function checkGuardedMove(
  label: string,
  to: number,
  guard: LabelGuard | undefined,
  gate: EvalGate | undefined,
  authority: MoveAuthority = {},
): MoveClearance {
  const incident = authority.incidentId !== undefined ? { incidentId: authority.incidentId } : {};
  if (authority.hold) return { override: true, ...incident };
  if (guard?.freeze) {
    const { reason, incidentId, actor } = guard.freeze;
    throw new ArtifactError(
      'label_frozen',
      `label "${label}" is frozen by ${actor}${incidentId !== undefined ? ` for incident ${incidentId}` : ''}: ${reason}; release the hold before moving it`,
    );
  }
  if (!guard?.protected) return incident;
  if (authority.override) return { override: true, ...incident };
  if (gate?.passed) return { gateId: gate.id, ...incident };
  const why =
    gate === undefined
      ? `v${to} has no eval gate recorded`
      : `the newest eval gate of v${to} failed (pass rate ${(gate.passRate * 100).toFixed(1)} %)`;
  throw new ArtifactError(
    'label_protected',
    `label "${label}" is protected and ${why}; record a passing gate (glassbox eval --gate KIND/NAME@${to}) or move with an override reason`,
  );
}

/**
 * Checks a gate record: a version number, a pass rate within 0-1.
 *
 * @example checkGateInput({ version: 3, passed: true, passRate: 0.98 })
 */
export function checkGateInput(input: {
  version: number;
  passed: boolean;
  passRate: number;
}): void {
  if (!Number.isInteger(input.version) || input.version < 1)
    throw new ArtifactError(
      'invalid_gate',
      `gate version must be a positive integer, got ${input.version}`,
    );
  if (!(input.passRate >= 0 && input.passRate <= 1))
    throw new ArtifactError('invalid_gate', `passRate must be within 0-1, got ${input.passRate}`);
}
