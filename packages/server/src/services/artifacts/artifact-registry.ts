import { randomUUID } from 'node:crypto';
import {
  ArtifactError,
  canaryArm,
  checkArtifactName,
  checkCanaryInput,
  checkLabelMove,
  observeCanary,
  startCanary,
  type CanaryInput,
  type CanaryOutcome,
  type CanaryVerdict,
  type StoredCanary,
  checkVersionInput,
  decidePin,
  DEFAULT_PIN_IDLE_MS,
  drainSeries,
  type DrainSeries,
  resolveLabel,
  type ArtifactVersion,
  type ArtifactVersionInput,
  type LabelMove,
  type ResolvedArtifact,
  checkGateInput,
  judgementFailed,
  type CanaryJudgement,
  type EvalGate,
  type LabelGuard,
  type MoveClearance,
} from '@glassbox/core/artifacts';
import { applyHold, type HoldRequest } from './apply-hold.js';
import type { ArtifactKey, ArtifactStore } from '@glassbox/store';

export interface ArtifactRegistryOptions {
  /** A session idle longer than this starts over on its next turn (default 30 min). */
  pinIdleMs?: number;
  now?: () => number;
  /** Called after every label move or revocation this process made (wakes long polls). */
  onEvent?: (projectId: string) => void;
  /** Score names the project's online evaluation gives: what a canary's `evaluators` may name. */
  scoredEvaluators?: (projectId: string) => Promise<string[]>;
}

/** Who is acting on the registry and why. */
export interface Acting {
  actor: string;
  reason: string;
}

/** Tries of a pin's compare-and-set before giving up on storing it (the turn is still served). */
const PIN_ATTEMPTS = 4;

/** Most pins the drain chart reads. */
const PIN_DRAIN_ROWS = 50_000;

/**
 * The registry's workflows over the ArtifactStore: core checks the input and decides pins;
 * the store keeps the state. Unknown artifacts are ArtifactError `unknown_artifact` naming
 * the artifacts of that kind that exist.
 *
 * @example
 * const registry = new ArtifactRegistry(storage.artifacts);
 * await registry.resolve(key, 'production', { sessionId: 's-1' });
 */
export class ArtifactRegistry {
  private readonly pinIdleMs: number;
  private readonly now: () => number;

  constructor(
    private readonly store: ArtifactStore,
    private readonly options: ArtifactRegistryOptions = {},
  ) {
    this.pinIdleMs = options.pinIdleMs ?? DEFAULT_PIN_IDLE_MS;
    this.now = options.now ?? Date.now;
  }

  async createVersion(
    key: ArtifactKey,
    input: ArtifactVersionInput,
    actor: string,
  ): Promise<ArtifactVersion> {
    checkArtifactName(key.name, 'name');
    const checked = checkVersionInput(key.kind, input);
    return this.store.createVersion(key, {
      ...checked,
      ...(input.message !== undefined ? { message: input.message } : {}),
      createdBy: actor,
      createdAtMs: this.now(),
    });
  }

  /** Every version, oldest first; unknown_artifact when there is none. */
  async versions(key: ArtifactKey): Promise<ArtifactVersion[]> {
    const versions = await this.store.listVersions(key);
    if (versions.length === 0) throw await this.unknown(key);
    return versions;
  }

  async version(key: ArtifactKey, version: number): Promise<ArtifactVersion> {
    const found = await this.store.getVersion(key, version);
    if (found) return found;
    const versions = await this.versions(key);
    throw new ArtifactError(
      'unknown_version',
      `${key.kind} "${key.name}" has no version ${version}; versions: ${versions.map((v) => v.version).join(', ')}`,
    );
  }

  /**
   * The version to serve for `label`: without a session, the label's target; with one, the
   * session's pin (created on its first resolution, kept across label moves, broken by
   * revocation or idling).
   */
  async resolve(
    key: ArtifactKey,
    label: string,
    unit: { sessionId?: string; userId?: string } = {},
  ): Promise<ResolvedArtifact> {
    const versions = await this.versions(key);
    const labelled = resolveLabel(label, await this.store.getLabels(key), versions);
    const byNumber = (n: number) => versions[n - 1] as ArtifactVersion;
    const canary = await this.store.getCanary(key);
    const spec = canary?.state.spec.label === label ? canary.state.spec : undefined;
    const running = canary?.state.status === 'running' && spec !== undefined;
    const arm = running
      ? canaryArm(
          spec,
          `${key.kind}/${key.name}`,
          spec.unit === 'user' ? unit.userId : unit.sessionId,
        )
      : undefined;
    const target = arm === 'canary' ? spec!.version : labelled;
    const armed = arm === undefined ? {} : { arm };
    const { sessionId } = unit;
    if (sessionId === undefined) return { label, version: byNumber(target), ...armed };
    const pinKey = { ...key, label, sessionId };
    // Sessions on a killed canary's version move on at their next turn, as on a revocation.
    const killed = canary?.state.status === 'killed' ? canary.state.spec.version : undefined;
    const isRevoked = (n: number) =>
      byNumber(n)?.revokedAtMs !== undefined || (n === killed && n !== labelled);
    const decide = async () => {
      const pin = await this.store.getPin(pinKey);
      const decision = decidePin({
        sessionId,
        ...(pin ? { pin } : {}),
        target,
        now: this.now(),
        idleTimeoutMs: this.pinIdleMs,
        isRevoked,
      });
      return { decision, stored: await this.store.putPin(pinKey, decision.pin, pin) };
    };
    let { decision, stored } = await decide();
    // Another replica changed the pin between read and write: decide again on its value.
    for (let attempt = 1; !stored && attempt < PIN_ATTEMPTS; attempt++) {
      ({ decision, stored } = await decide());
    }
    return {
      label,
      version: byNumber(decision.version),
      ...armed,
      pin: { sessionId, outcome: decision.outcome, pinnedAtMs: decision.pin.pinnedAtMs },
    };
  }

  /** Moves a label; `override` passes a protected label without a passing eval gate. */
  async moveLabel(
    key: ArtifactKey,
    label: string,
    version: number,
    acting: Acting & { override?: boolean },
  ): Promise<LabelMove & MoveClearance> {
    await this.versions(key);
    const { override, ...by } = acting;
    const move = await this.store.moveLabel(
      key,
      label,
      version,
      { ...by, atMs: this.now() },
      override ? { override } : {},
    );
    this.options.onEvent?.(key.projectId);
    return move;
  }

  /** Every label with its version, protection and hold. */
  async labels(key: ArtifactKey): Promise<(LabelGuard & { version?: number })[]> {
    await this.versions(key);
    const targets = await this.store.getLabels(key);
    const guards = new Map((await this.store.labelGuards(key)).map((g) => [g.label, g]));
    const names = [...new Set([...Object.keys(targets), ...guards.keys()])].sort();
    return names.map((label) => ({
      ...(guards.get(label) ?? { label, protected: false }),
      ...(targets[label] !== undefined ? { version: targets[label] } : {}),
    }));
  }

  async protect(
    key: ArtifactKey,
    label: string,
    isProtected: boolean,
    acting: Acting,
  ): Promise<LabelGuard> {
    await this.versions(key);
    checkArtifactName(label, 'label');
    const guard = await this.store.protectLabel(key, label, isProtected, {
      ...acting,
      atMs: this.now(),
    });
    this.options.onEvent?.(key.projectId);
    return guard;
  }

  /** A hold (freeze or rollback) for an incident; see applyHold. */
  async hold(
    key: ArtifactKey,
    label: string,
    request: Omit<HoldRequest, keyof ArtifactKey | 'label'>,
  ) {
    const outcome = await applyHold(this.store, { ...key, label, ...request }, this.now);
    this.options.onEvent?.(key.projectId);
    return outcome;
  }

  /** Releases a frozen label; unknown_label when it is not held. */
  async release(key: ArtifactKey, label: string, acting: Acting): Promise<LabelGuard> {
    const held = (await this.labels(key)).find((g) => g.label === label && g.freeze);
    if (!held) {
      throw new ArtifactError(
        'unknown_label',
        `label "${label}" of ${key.kind} "${key.name}" is not held`,
      );
    }
    const guard = await this.store.freezeLabel(key, label, false, { ...acting, atMs: this.now() });
    this.options.onEvent?.(key.projectId);
    return guard;
  }

  /** Records an eval run's outcome for a version: what clears a protected label's move. */
  async recordGate(
    key: ArtifactKey,
    gate: Omit<EvalGate, 'id' | 'atMs' | 'actor'> & { actor: string },
  ): Promise<EvalGate> {
    await this.version(key, gate.version);
    checkGateInput(gate);
    const stored = await this.store.recordGate(key, { ...gate, atMs: this.now() });
    this.options.onEvent?.(key.projectId);
    return stored;
  }

  async gates(key: ArtifactKey, version: number): Promise<EvalGate[]> {
    await this.version(key, version);
    return this.store.listGates(key, version);
  }

  async revoke(key: ArtifactKey, version: number, acting: Acting): Promise<ArtifactVersion> {
    await this.version(key, version);
    await this.store.revokeVersion(key, version, { ...acting, atMs: this.now() });
    this.options.onEvent?.(key.projectId);
    return this.version(key, version);
  }

  async history(key: ArtifactKey, limit: number) {
    await this.versions(key);
    return this.store.history(key, limit);
  }

  /** Live pins per version: seen within the idle timeout. */
  async pins(key: ArtifactKey) {
    await this.versions(key);
    return this.store.pinCounts(key, this.now() - this.pinIdleMs);
  }

  /**
   * Live pinned sessions per version over the window ending at `toMs` (default now), from at
   * most PIN_DRAIN_ROWS pins: enough for the chart, bounded for a busy artifact.
   */
  async pinDrain(
    key: ArtifactKey,
    window: { toMs?: number; windowMs: number; points: number },
  ): Promise<DrainSeries[]> {
    await this.versions(key);
    const toMs = window.toMs ?? this.now();
    const fromMs = toMs - window.windowMs;
    const pins = await this.store.pinSpans(key, fromMs - this.pinIdleMs, PIN_DRAIN_ROWS);
    return drainSeries(pins, { fromMs, toMs, points: window.points, idleMs: this.pinIdleMs });
  }

  /** Starts a canary of a version on a label; a second running canary is `invalid_canary`. */
  async startCanary(key: ArtifactKey, input: CanaryInput, acting: Acting): Promise<StoredCanary> {
    const versions = await this.versions(key);
    const label = input.label ?? 'production';
    const target = resolveLabel(label, await this.store.getLabels(key), versions);
    const spec = checkCanaryInput(input, { target, salt: randomUUID() });
    await this.checkEvaluators(key.projectId, input.evaluators ?? []);
    checkLabelMove(label, spec.version, versions);
    const canary: StoredCanary = {
      id: spec.salt,
      state: startCanary(spec),
      startedAtMs: this.now(),
    };
    await this.store.startCanary(key, canary, { ...acting, atMs: canary.startedAtMs });
    this.options.onEvent?.(key.projectId);
    return canary;
  }

  async canary(key: ArtifactKey): Promise<StoredCanary> {
    await this.versions(key);
    const found = await this.store.getCanary(key);
    if (!found)
      throw new ArtifactError('unknown_artifact', `${key.kind} "${key.name}" has no canary`);
    return found;
  }

  /**
   * Feeds judged outcomes to the running canary's gate: it may ramp, promote (the label
   * moves) or kill it (the label stays). Outcomes may name their arm or the version served.
   */
  async judgeCanary(
    key: ArtifactKey,
    judgements: readonly (CanaryJudgement & {
      arm?: CanaryOutcome['arm'];
      version?: number;
    })[],
  ): Promise<{ canary: StoredCanary; verdict: CanaryVerdict }> {
    // Scores become pass/fail before the gate sees them; a bad outcome refuses the whole batch.
    const outcomes = judgements.map((j) => ({
      metric: j.metric,
      failed: judgementFailed(j),
      ...(j.arm !== undefined ? { arm: j.arm } : {}),
      ...(j.version !== undefined ? { version: j.version } : {}),
    }));
    await this.versions(key);
    const labels = await this.store.getLabels(key);
    const judged = await this.store.judgeCanary(
      key,
      (state) => {
        const control = labels[state.spec.label];
        const armed = outcomes.flatMap((o): CanaryOutcome[] => {
          const arm =
            o.arm ??
            (o.version === state.spec.version
              ? 'canary'
              : o.version === control
                ? 'control'
                : undefined);
          return arm === undefined ? [] : [{ arm, metric: o.metric, failed: o.failed }];
        });
        return observeCanary(state, armed);
      },
      { actor: 'canary-gate', atMs: this.now() },
    );
    if (!judged)
      throw new ArtifactError('invalid_canary', `${key.kind} "${key.name}" has no running canary`);
    if (judged.verdict.action !== 'continue') this.options.onEvent?.(key.projectId);
    return judged;
  }

  /** An evaluator nothing scores would leave its gate without outcomes: refused up front. */
  private async checkEvaluators(projectId: string, evaluators: readonly string[]): Promise<void> {
    if (evaluators.length === 0) return;
    const scored = [...new Set((await this.options.scoredEvaluators?.(projectId)) ?? [])];
    const missing = evaluators.find((e) => !scored.includes(e));
    if (missing === undefined) return;
    throw new ArtifactError(
      'invalid_canary',
      `evaluator "${missing}" is not scored by any online evaluation rule of this project; scored: ${scored.length === 0 ? 'none' : scored.join(', ')}`,
    );
  }

  private async unknown(key: ArtifactKey): Promise<ArtifactError> {
    const names = (await this.store.listArtifacts(key.projectId))
      .filter((a) => a.kind === key.kind)
      .map((a) => a.name);
    return new ArtifactError(
      'unknown_artifact',
      `${key.kind} "${key.name}" does not exist; ${key.kind} artifacts: ${names.length === 0 ? 'none' : names.join(', ')}`,
    );
  }
}
