import { randomUUID } from 'node:crypto';
import {
  ArtifactError,
  checkGuardedMove,
  holdPromotion,
  checkLabelMove,
  checkRevoke,
  type EvalGate,
  type LabelGuard,
  type MoveAuthority,
  type MoveClearance,
  type ArtifactVersion,
  type CanaryState,
  type CanaryVerdict,
  type LabelMove,
  type SessionPin,
  type StoredCanary,
} from '@glassbox/core/artifacts';
import type {
  Actor,
  ArtifactEvent,
  ArtifactKey,
  ArtifactStore,
  ArtifactSummary,
  NewArtifactVersion,
  PinCount,
  PinKey,
  PinSpan,
  SessionSnapshot,
} from '../ports/artifact-store.js';

interface ArtifactState {
  versions: ArtifactVersion[];
  labels: Record<string, number>;
}

const artifactId = (k: ArtifactKey) => JSON.stringify([k.projectId, k.kind, k.name]);
const pinId = (k: PinKey) => JSON.stringify([k.projectId, k.kind, k.name, k.label, k.sessionId]);
const copy = <T>(value: T): T => structuredClone(value);

/**
 * The artifact registry in memory: one process's, for tests and the embedded demo. All work
 * is synchronous between awaits, so each method is atomic like the SQL transactions.
 *
 * @example const store = new MemoryArtifactStore();
 */
export class MemoryArtifactStore implements ArtifactStore {
  private readonly artifacts = new Map<string, ArtifactState & { key: ArtifactKey }>();
  private readonly events = new Map<string, ArtifactEvent[]>();
  private readonly pins = new Map<string, { key: PinKey; pin: SessionPin }>();
  private readonly canaries = new Map<string, StoredCanary[]>();
  private readonly snapshots: (SessionSnapshot & { projectId: string })[] = [];
  private readonly guards = new Map<string, LabelGuard>();
  private readonly gates = new Map<string, EvalGate[]>();

  private guardOf(key: ArtifactKey, label: string): LabelGuard | undefined {
    return this.guards.get(JSON.stringify([artifactId(key), label]));
  }

  private newestGate(key: ArtifactKey, version: number): EvalGate | undefined {
    return (this.gates.get(artifactId(key)) ?? []).findLast((g) => g.version === version);
  }

  private state(key: ArtifactKey): ArtifactState & { key: ArtifactKey } {
    const id = artifactId(key);
    let state = this.artifacts.get(id);
    if (!state) {
      state = { key: { ...key }, versions: [], labels: {} };
      this.artifacts.set(id, state);
    }
    return state;
  }

  private record(
    projectId: string,
    event: ArtifactEvent extends infer E ? (E extends unknown ? Omit<E, 'seq'> : never) : never,
  ): void {
    const list = this.events.get(projectId) ?? [];
    list.push({ ...event, seq: list.length + 1 } as ArtifactEvent);
    this.events.set(projectId, list);
  }

  async createVersion(key: ArtifactKey, input: NewArtifactVersion): Promise<ArtifactVersion> {
    const state = this.state(key);
    const version: ArtifactVersion = {
      kind: key.kind,
      name: key.name,
      version: state.versions.length + 1,
      content: copy(input.content),
      config: copy(input.config),
      hash: input.hash,
      ...(input.message !== undefined ? { message: input.message } : {}),
      createdBy: input.createdBy,
      createdAtMs: input.createdAtMs,
    };
    state.versions.push(version);
    return copy(version);
  }

  async getVersion(key: ArtifactKey, version: number): Promise<ArtifactVersion | undefined> {
    const found = this.artifacts.get(artifactId(key))?.versions[version - 1];
    return found && copy(found);
  }

  async listVersions(key: ArtifactKey): Promise<ArtifactVersion[]> {
    return copy(this.artifacts.get(artifactId(key))?.versions ?? []);
  }

  async listArtifacts(projectId: string): Promise<ArtifactSummary[]> {
    return [...this.artifacts.values()]
      .filter((a) => a.key.projectId === projectId && a.versions.length > 0)
      .map((a) => ({
        kind: a.key.kind,
        name: a.key.name,
        latestVersion: a.versions.length,
        labels: { ...a.labels },
      }))
      .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  }

  async getLabels(key: ArtifactKey): Promise<Record<string, number>> {
    return { ...this.artifacts.get(artifactId(key))?.labels };
  }

  async moveLabel(
    key: ArtifactKey,
    label: string,
    to: number,
    by: Actor,
    authority: MoveAuthority = {},
  ): Promise<LabelMove & MoveClearance> {
    const state = this.state(key);
    checkLabelMove(label, to, state.versions);
    const clearance = checkGuardedMove(
      label,
      to,
      this.guardOf(key, label),
      this.newestGate(key, to),
      authority,
    );
    const from = state.labels[label];
    state.labels[label] = to;
    const move = { label, ...(from !== undefined ? { from } : {}), to, ...by, ...clearance };
    this.record(key.projectId, { type: 'label_moved', kind: key.kind, name: key.name, ...move });
    return move;
  }

  async labelGuards(key: ArtifactKey): Promise<LabelGuard[]> {
    const prefix = JSON.stringify([artifactId(key), '']).slice(0, -2);
    return [...this.guards.entries()]
      .filter(([id]) => id.startsWith(prefix))
      .map(([, guard]) => copy(guard))
      .sort((a, b) => a.label.localeCompare(b.label));
  }

  async protectLabel(
    key: ArtifactKey,
    label: string,
    isProtected: boolean,
    by: Actor,
  ): Promise<LabelGuard> {
    const id = JSON.stringify([artifactId(key), label]);
    const guard = { ...(this.guards.get(id) ?? { label }), protected: isProtected };
    this.guards.set(id, guard);
    this.record(key.projectId, {
      type: isProtected ? 'label_protected' : 'label_unprotected',
      kind: key.kind,
      name: key.name,
      label,
      ...by,
    });
    return copy(guard);
  }

  async freezeLabel(
    key: ArtifactKey,
    label: string,
    freeze: boolean,
    by: Actor & { incidentId?: string },
  ): Promise<LabelGuard> {
    const id = JSON.stringify([artifactId(key), label]);
    const { freeze: _old, ...rest } = this.guards.get(id) ?? { label, protected: false };
    const { incidentId } = by;
    const guard: LabelGuard = freeze
      ? {
          ...rest,
          freeze: {
            reason: by.reason,
            ...(incidentId !== undefined ? { incidentId } : {}),
            actor: by.actor,
            atMs: by.atMs,
          },
        }
      : rest;
    this.guards.set(id, guard);
    this.record(key.projectId, {
      type: freeze ? 'label_frozen' : 'label_released',
      kind: key.kind,
      name: key.name,
      label,
      ...by,
    });
    return copy(guard);
  }

  async recordGate(key: ArtifactKey, gate: Omit<EvalGate, 'id'>): Promise<EvalGate> {
    checkLabelMove('gate', gate.version, this.state(key).versions);
    const stored = { ...copy(gate), id: randomUUID() };
    const list = this.gates.get(artifactId(key)) ?? [];
    list.push(stored);
    this.gates.set(artifactId(key), list);
    this.record(key.projectId, {
      type: 'gate_recorded',
      kind: key.kind,
      name: key.name,
      version: gate.version,
      passed: gate.passed,
      passRate: gate.passRate,
      actor: gate.actor,
      reason: gate.summary ?? (gate.passed ? 'eval passed' : 'eval failed'),
      atMs: gate.atMs,
    });
    return copy(stored);
  }

  async listGates(key: ArtifactKey, version?: number): Promise<EvalGate[]> {
    return (this.gates.get(artifactId(key)) ?? [])
      .filter((g) => version === undefined || g.version === version)
      .reverse()
      .map(copy);
  }

  async revokeVersion(key: ArtifactKey, version: number, by: Actor): Promise<void> {
    const state = this.state(key);
    checkRevoke(version, state.labels, state.versions);
    const target = state.versions[version - 1]!;
    if (target.revokedAtMs !== undefined) return;
    target.revokedAtMs = by.atMs;
    this.record(key.projectId, {
      type: 'version_revoked',
      kind: key.kind,
      name: key.name,
      version,
      ...by,
    });
  }

  async history(key: ArtifactKey, limit: number): Promise<ArtifactEvent[]> {
    return (this.events.get(key.projectId) ?? [])
      .filter((e) => e.kind === key.kind && e.name === key.name)
      .reverse()
      .slice(0, limit)
      .map(copy);
  }

  async eventsAfter(projectId: string, afterSeq: number, limit: number): Promise<ArtifactEvent[]> {
    return (this.events.get(projectId) ?? [])
      .slice(Math.max(0, afterSeq), afterSeq + limit)
      .map(copy);
  }

  async lastEventSeq(projectId: string): Promise<number> {
    return this.events.get(projectId)?.length ?? 0;
  }

  async startCanary(key: ArtifactKey, canary: StoredCanary, by: Actor): Promise<void> {
    const list = this.canaries.get(artifactId(key)) ?? [];
    if (list.some((c) => c.state.status === 'running')) {
      throw new ArtifactError(
        'invalid_canary',
        `${key.kind} "${key.name}" already has a running canary`,
      );
    }
    list.push(copy(canary));
    this.canaries.set(artifactId(key), list);
    this.record(key.projectId, {
      type: 'canary_started',
      kind: key.kind,
      name: key.name,
      version: canary.state.spec.version,
      ...by,
    });
  }

  async getCanary(key: ArtifactKey): Promise<StoredCanary | undefined> {
    const list = this.canaries.get(artifactId(key)) ?? [];
    const found = list.find((c) => c.state.status === 'running') ?? list.at(-1);
    return found && copy(found);
  }

  async judgeCanary(
    key: ArtifactKey,
    judge: (state: CanaryState) => { state: CanaryState; verdict: CanaryVerdict },
    by: Omit<Actor, 'reason'>,
  ): Promise<{ canary: StoredCanary; verdict: CanaryVerdict } | undefined> {
    const current = this.canaries.get(artifactId(key))?.find((c) => c.state.status === 'running');
    if (!current) return undefined;
    const judged = judge(copy(current.state));
    // A frozen label holds the canary at its last step: it promotes once the hold is released.
    const held =
      judged.verdict.action === 'promote' && this.guardOf(key, judged.state.spec.label)?.freeze;
    const { state, verdict } = held ? holdPromotion(judged.state) : judged;
    const reason = state.reason ?? verdict.action;
    const { label, version } = state.spec;
    // The canary's own gate is the eval that clears a protected label.
    if (verdict.action === 'promote')
      await this.moveLabel(key, label, version, { ...by, reason }, { override: true });
    current.state = copy(state);
    if (state.status !== 'running') current.endedAtMs = by.atMs;
    if (verdict.action === 'kill') {
      this.record(key.projectId, {
        type: 'canary_killed',
        kind: key.kind,
        name: key.name,
        version,
        ...by,
        reason,
      });
    }
    return { canary: copy(current), verdict };
  }

  async getPin(key: PinKey): Promise<SessionPin | undefined> {
    const found = this.pins.get(pinId(key));
    return found && { ...found.pin };
  }

  async putPin(key: PinKey, pin: SessionPin, previous: SessionPin | undefined): Promise<boolean> {
    const id = pinId(key);
    const stored = this.pins.get(id)?.pin;
    const unchanged = previous
      ? stored?.version === previous.version && stored.pinnedAtMs === previous.pinnedAtMs
      : stored === undefined;
    if (!unchanged) return false;
    this.pins.set(id, { key: { ...key }, pin: { ...pin } });
    return true;
  }

  async pinCounts(key: ArtifactKey, sinceMs: number): Promise<PinCount[]> {
    const counts = new Map<string, PinCount>();
    for (const { key: k, pin } of this.pins.values()) {
      if (artifactId(k) !== artifactId(key) || pin.lastSeenMs < sinceMs) continue;
      const id = `${k.label}\u0000${pin.version}`;
      const count = counts.get(id) ?? { label: k.label, version: pin.version, sessions: 0 };
      count.sessions += 1;
      counts.set(id, count);
    }
    return [...counts.values()].sort(
      (a, b) => a.label.localeCompare(b.label) || a.version - b.version,
    );
  }

  async pinSpans(key: ArtifactKey, sinceMs: number, limit: number): Promise<PinSpan[]> {
    return [...this.pins.values()]
      .filter(({ key: k, pin }) => artifactId(k) === artifactId(key) && pin.lastSeenMs >= sinceMs)
      .map(({ key: k, pin }) => ({
        label: k.label,
        version: pin.version,
        pinnedAtMs: pin.pinnedAtMs,
        lastSeenMs: pin.lastSeenMs,
      }))
      .sort((a, b) => b.lastSeenMs - a.lastSeenMs)
      .slice(0, limit);
  }

  async endSession(projectId: string, sessionId: string): Promise<number> {
    let ended = 0;
    for (const [id, { key }] of this.pins) {
      if (key.projectId === projectId && key.sessionId === sessionId) {
        this.pins.delete(id);
        ended += 1;
      }
    }
    return ended;
  }

  async saveSnapshot(
    projectId: string,
    snapshot: Omit<SessionSnapshot, 'id'>,
  ): Promise<SessionSnapshot> {
    const stored = { ...copy(snapshot), id: randomUUID() };
    this.snapshots.push({ ...stored, projectId });
    return copy(stored);
  }

  async findSnapshot(
    projectId: string,
    sessionId: string,
    beforeMs?: number,
  ): Promise<SessionSnapshot | undefined> {
    let best: (SessionSnapshot & { projectId: string }) | undefined;
    for (const s of this.snapshots) {
      if (s.projectId !== projectId || s.sessionId !== sessionId) continue;
      if (beforeMs !== undefined && s.takenAtMs > beforeMs) continue;
      if (!best || s.takenAtMs >= best.takenAtMs) best = s;
    }
    if (!best) return undefined;
    const { projectId: _project, ...snapshot } = best;
    return copy(snapshot);
  }
}
