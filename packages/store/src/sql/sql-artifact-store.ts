import { randomUUID } from 'node:crypto';
import {
  ArtifactError,
  checkGuardedMove,
  checkLabelMove,
  checkRevoke,
  holdPromotion,
  type EvalGate,
  type LabelGuard,
  type MoveAuthority,
  type MoveClearance,
  type ArtifactKind,
  type ArtifactVersion,
  type CanaryState,
  type CanaryVerdict,
  type LabelMove,
  type SessionPin,
  type StoredCanary,
} from '@glassbox/core/artifacts';
import { sql, type Kysely, type Transaction } from 'kysely';
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
import type { SqlDialectTraits } from './sql-dialect-traits.js';

interface VersionRow {
  kind: string;
  name: string;
  version: number;
  content: string;
  config: string;
  hash: string;
  message: string | null;
  created_by: string;
  created_at_ms: number;
  revoked_at_ms: number | null;
}

interface EventRow {
  seq: number;
  kind: string;
  name: string;
  type: string;
  label: string | null;
  from_version: number | null;
  to_version: number | null;
  actor: string;
  reason: string;
  at_ms: number;
  incident_id: string | null;
  detail: string | null;
}

interface GuardRow {
  label: string;
  protected: number;
  frozen_reason: string | null;
  frozen_incident_id: string | null;
  frozen_by: string | null;
  frozen_at_ms: number | null;
}

interface GateRow {
  id: string;
  version: number;
  passed: number;
  pass_rate: number;
  total: number | null;
  summary: string | null;
  run_id: string | null;
  actor: string;
  at_ms: number;
}

function toGuard(row: GuardRow): LabelGuard {
  return {
    label: row.label,
    protected: Number(row.protected) === 1,
    ...(row.frozen_at_ms !== null
      ? {
          freeze: {
            reason: row.frozen_reason ?? '',
            ...(row.frozen_incident_id !== null ? { incidentId: row.frozen_incident_id } : {}),
            actor: row.frozen_by ?? '',
            atMs: Number(row.frozen_at_ms),
          },
        }
      : {}),
  };
}

function toGate(row: GateRow): EvalGate {
  return {
    id: row.id,
    version: Number(row.version),
    passed: Number(row.passed) === 1,
    passRate: Number(row.pass_rate),
    ...(row.total !== null ? { total: Number(row.total) } : {}),
    ...(row.summary !== null ? { summary: row.summary } : {}),
    ...(row.run_id !== null ? { runId: row.run_id } : {}),
    actor: row.actor,
    atMs: Number(row.at_ms),
  };
}

function toVersion(row: VersionRow): ArtifactVersion {
  return {
    kind: row.kind as ArtifactKind,
    name: row.name,
    version: Number(row.version),
    content: JSON.parse(row.content) as unknown,
    config: JSON.parse(row.config) as Record<string, unknown>,
    hash: row.hash,
    ...(row.message !== null ? { message: row.message } : {}),
    createdBy: row.created_by,
    createdAtMs: Number(row.created_at_ms),
    ...(row.revoked_at_ms !== null ? { revokedAtMs: Number(row.revoked_at_ms) } : {}),
  };
}

function toEvent(row: EventRow): ArtifactEvent {
  const detail = (row.detail === null ? {} : JSON.parse(row.detail)) as Record<string, unknown>;
  const common = {
    seq: Number(row.seq),
    kind: row.kind as ArtifactKind,
    name: row.name,
    actor: row.actor,
    reason: row.reason,
    atMs: Number(row.at_ms),
    ...(row.incident_id !== null ? { incidentId: row.incident_id } : {}),
  };
  switch (row.type) {
    case 'version_revoked':
    case 'canary_started':
    case 'canary_killed':
      return { ...common, type: row.type, version: Number(row.to_version) };
    case 'label_protected':
    case 'label_unprotected':
    case 'label_frozen':
    case 'label_released':
      return { ...common, type: row.type, label: row.label ?? '' };
    case 'gate_recorded':
      return {
        ...common,
        type: 'gate_recorded',
        version: Number(row.to_version),
        passed: detail.passed === true,
        passRate: Number(detail.passRate),
      };
  }
  return {
    ...common,
    type: 'label_moved',
    label: row.label ?? '',
    ...(row.from_version !== null ? { from: Number(row.from_version) } : {}),
    to: Number(row.to_version),
    ...(typeof detail.gateId === 'string' ? { gateId: detail.gateId } : {}),
    ...(detail.override === true ? { override: true as const } : {}),
  };
}

const where = (k: ArtifactKey) =>
  sql`project_id = ${k.projectId} and kind = ${k.kind} and name = ${k.name}`;
const wherePin = (k: PinKey) =>
  sql`${where(k)} and label = ${k.label} and session_id = ${k.sessionId}`;

/**
 * The artifact registry in SQL. Writes that number things or check rules (a new version, a
 * label move, a revocation) run in one transaction holding the project's registry lock, so
 * concurrent replicas get consecutive numbers and an exact `from` in the audit trail. Pins
 * use compare-and-set instead: they are hot and per session.
 *
 * @example const store = new SqlArtifactStore(db, POSTGRES_TRAITS);
 */
export class SqlArtifactStore implements ArtifactStore {
  constructor(
    private readonly db: Kysely<unknown>,
    private readonly traits: SqlDialectTraits,
  ) {}

  private locked<T>(
    projectId: string,
    work: (trx: Transaction<unknown>) => Promise<T>,
  ): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      const lock = this.traits.lockKey(`artifacts:${projectId}`);
      if (lock) await lock.execute(trx);
      return work(trx);
    });
  }

  private async versionsIn(db: Kysely<unknown>, key: ArtifactKey): Promise<ArtifactVersion[]> {
    const { rows } = await sql<VersionRow>`select * from artifact_versions where ${where(key)}
      order by version`.execute(db);
    return rows.map(toVersion);
  }

  private async labelsIn(db: Kysely<unknown>, key: ArtifactKey): Promise<Record<string, number>> {
    const { rows } = await sql<{ label: string; version: number }>`
      select label, version from artifact_labels where ${where(key)} order by label`.execute(db);
    return Object.fromEntries(rows.map((r) => [r.label, Number(r.version)]));
  }

  private async record(
    trx: Transaction<unknown>,
    key: ArtifactKey,
    event: {
      type: string;
      label?: string;
      from?: number;
      to: number | null;
      incidentId?: string;
      detail?: Record<string, unknown>;
    } & Actor,
  ): Promise<void> {
    const { rows } = await sql<{ seq: number | null }>`
      select max(seq) as seq from artifact_events where project_id = ${key.projectId}`.execute(trx);
    const seq = Number(rows[0]?.seq ?? 0) + 1;
    await sql`insert into artifact_events
      (project_id, seq, kind, name, type, label, from_version, to_version, actor, reason, at_ms,
        incident_id, detail)
      values (${key.projectId}, ${seq}, ${key.kind}, ${key.name}, ${event.type},
        ${event.label ?? null}, ${event.from ?? null}, ${event.to}, ${event.actor},
        ${event.reason}, ${event.atMs}, ${event.incidentId ?? null},
        ${event.detail === undefined ? null : JSON.stringify(event.detail)})`.execute(trx);
  }

  createVersion(key: ArtifactKey, input: NewArtifactVersion): Promise<ArtifactVersion> {
    return this.locked(key.projectId, async (trx) => {
      const { rows } = await sql<{ version: number | null }>`
        select max(version) as version from artifact_versions where ${where(key)}`.execute(trx);
      const version = Number(rows[0]?.version ?? 0) + 1;
      await sql`insert into artifact_versions (project_id, kind, name, version, content, config,
          hash, message, created_by, created_at_ms, revoked_at_ms)
        values (${key.projectId}, ${key.kind}, ${key.name}, ${version},
          ${JSON.stringify(input.content)}, ${JSON.stringify(input.config)}, ${input.hash},
          ${input.message ?? null}, ${input.createdBy}, ${input.createdAtMs}, null)`.execute(trx);
      return {
        kind: key.kind,
        name: key.name,
        version,
        content: input.content,
        config: input.config,
        hash: input.hash,
        ...(input.message !== undefined ? { message: input.message } : {}),
        createdBy: input.createdBy,
        createdAtMs: input.createdAtMs,
      };
    });
  }

  async getVersion(key: ArtifactKey, version: number): Promise<ArtifactVersion | undefined> {
    const { rows } = await sql<VersionRow>`select * from artifact_versions
      where ${where(key)} and version = ${version}`.execute(this.db);
    return rows[0] && toVersion(rows[0]);
  }

  listVersions(key: ArtifactKey): Promise<ArtifactVersion[]> {
    return this.versionsIn(this.db, key);
  }

  async listArtifacts(projectId: string): Promise<ArtifactSummary[]> {
    const { rows } = await sql<{ kind: string; name: string; latest: number }>`
      select kind, name, max(version) as latest from artifact_versions
      where project_id = ${projectId} group by kind, name order by kind, name`.execute(this.db);
    const labels = await sql<{ kind: string; name: string; label: string; version: number }>`
      select kind, name, label, version from artifact_labels where project_id = ${projectId}`.execute(
      this.db,
    );
    return rows.map((r) => ({
      kind: r.kind as ArtifactKind,
      name: r.name,
      latestVersion: Number(r.latest),
      labels: Object.fromEntries(
        labels.rows
          .filter((l) => l.kind === r.kind && l.name === r.name)
          .map((l) => [l.label, Number(l.version)]),
      ),
    }));
  }

  getLabels(key: ArtifactKey): Promise<Record<string, number>> {
    return this.labelsIn(this.db, key);
  }

  moveLabel(
    key: ArtifactKey,
    label: string,
    to: number,
    by: Actor,
    authority: MoveAuthority = {},
  ): Promise<LabelMove & MoveClearance> {
    return this.locked(key.projectId, (trx) => this.moveIn(trx, key, label, to, by, authority));
  }

  private async moveIn(
    trx: Transaction<unknown>,
    key: ArtifactKey,
    label: string,
    to: number,
    by: Actor,
    authority: MoveAuthority,
  ): Promise<LabelMove & MoveClearance> {
    checkLabelMove(label, to, await this.versionsIn(trx, key));
    const clearance = checkGuardedMove(
      label,
      to,
      await this.guardIn(trx, key, label),
      (await this.gatesIn(trx, key, to, 1))[0],
      authority,
    );
    const from = (await this.labelsIn(trx, key))[label];
    await sql`insert into artifact_labels (project_id, kind, name, label, version)
      values (${key.projectId}, ${key.kind}, ${key.name}, ${label}, ${to})
      on conflict (project_id, kind, name, label) do update set version = ${to}`.execute(trx);
    const move = { label, ...(from !== undefined ? { from } : {}), to, ...by };
    const { incidentId, ...detail } = clearance;
    await this.record(trx, key, {
      type: 'label_moved',
      ...move,
      ...(incidentId !== undefined ? { incidentId } : {}),
      ...(Object.keys(detail).length > 0 ? { detail } : {}),
    });
    return { ...move, ...clearance };
  }

  private async guardIn(
    db: Kysely<unknown>,
    key: ArtifactKey,
    label: string,
  ): Promise<LabelGuard | undefined> {
    const { rows } = await sql<GuardRow>`select * from artifact_label_guards
      where ${where(key)} and label = ${label}`.execute(db);
    return rows[0] && toGuard(rows[0]);
  }

  private async gatesIn(
    db: Kysely<unknown>,
    key: ArtifactKey,
    version: number | undefined,
    limit: number,
  ): Promise<EvalGate[]> {
    const ofVersion = version === undefined ? sql`` : sql`and version = ${version}`;
    const { rows } = await sql<GateRow>`select * from artifact_gates where ${where(key)}
      ${ofVersion} order by at_ms desc, id desc limit ${limit}`.execute(db);
    return rows.map(toGate);
  }

  async labelGuards(key: ArtifactKey): Promise<LabelGuard[]> {
    const { rows } = await sql<GuardRow>`select * from artifact_label_guards
      where ${where(key)} order by label`.execute(this.db);
    return rows.map(toGuard);
  }

  protectLabel(
    key: ArtifactKey,
    label: string,
    isProtected: boolean,
    by: Actor,
  ): Promise<LabelGuard> {
    return this.locked(key.projectId, async (trx) => {
      const flag = isProtected ? 1 : 0;
      await sql`insert into artifact_label_guards (project_id, kind, name, label, protected)
        values (${key.projectId}, ${key.kind}, ${key.name}, ${label}, ${flag})
        on conflict (project_id, kind, name, label) do update set protected = ${flag}`.execute(trx);
      await this.record(trx, key, {
        type: isProtected ? 'label_protected' : 'label_unprotected',
        label,
        to: null,
        ...by,
      });
      return (await this.guardIn(trx, key, label))!;
    });
  }

  freezeLabel(
    key: ArtifactKey,
    label: string,
    freeze: boolean,
    by: Actor & { incidentId?: string },
  ): Promise<LabelGuard> {
    return this.locked(key.projectId, async (trx) => {
      const reason = freeze ? by.reason : null;
      const incident = freeze ? (by.incidentId ?? null) : null;
      const actor = freeze ? by.actor : null;
      const at = freeze ? by.atMs : null;
      await sql`insert into artifact_label_guards (project_id, kind, name, label, protected,
          frozen_reason, frozen_incident_id, frozen_by, frozen_at_ms)
        values (${key.projectId}, ${key.kind}, ${key.name}, ${label}, 0, ${reason}, ${incident},
          ${actor}, ${at})
        on conflict (project_id, kind, name, label) do update set frozen_reason = ${reason},
          frozen_incident_id = ${incident}, frozen_by = ${actor}, frozen_at_ms = ${at}`.execute(
        trx,
      );
      await this.record(trx, key, {
        type: freeze ? 'label_frozen' : 'label_released',
        label,
        to: null,
        ...by,
      });
      return (await this.guardIn(trx, key, label))!;
    });
  }

  recordGate(key: ArtifactKey, gate: Omit<EvalGate, 'id'>): Promise<EvalGate> {
    return this.locked(key.projectId, async (trx) => {
      checkLabelMove('gate', gate.version, await this.versionsIn(trx, key));
      const stored: EvalGate = { ...gate, id: randomUUID() };
      await sql`insert into artifact_gates (project_id, kind, name, id, version, passed, pass_rate,
          total, summary, run_id, actor, at_ms)
        values (${key.projectId}, ${key.kind}, ${key.name}, ${stored.id}, ${gate.version},
          ${gate.passed ? 1 : 0}, ${gate.passRate}, ${gate.total ?? null}, ${gate.summary ?? null},
          ${gate.runId ?? null}, ${gate.actor}, ${gate.atMs})`.execute(trx);
      await this.record(trx, key, {
        type: 'gate_recorded',
        to: gate.version,
        actor: gate.actor,
        reason: gate.summary ?? (gate.passed ? 'eval passed' : 'eval failed'),
        atMs: gate.atMs,
        detail: { passed: gate.passed, passRate: gate.passRate },
      });
      return stored;
    });
  }

  listGates(key: ArtifactKey, version?: number): Promise<EvalGate[]> {
    return this.gatesIn(this.db, key, version, 1000);
  }

  revokeVersion(key: ArtifactKey, version: number, by: Actor): Promise<void> {
    return this.locked(key.projectId, async (trx) => {
      const versions = await this.versionsIn(trx, key);
      checkRevoke(version, await this.labelsIn(trx, key), versions);
      if (versions.find((v) => v.version === version)?.revokedAtMs !== undefined) return;
      await sql`update artifact_versions set revoked_at_ms = ${by.atMs}
        where ${where(key)} and version = ${version}`.execute(trx);
      await this.record(trx, key, { type: 'version_revoked', to: version, ...by });
    });
  }

  async history(key: ArtifactKey, limit: number): Promise<ArtifactEvent[]> {
    const { rows } = await sql<EventRow>`select * from artifact_events where ${where(key)}
      order by seq desc limit ${limit}`.execute(this.db);
    return rows.map(toEvent);
  }

  async eventsAfter(projectId: string, afterSeq: number, limit: number): Promise<ArtifactEvent[]> {
    const { rows } = await sql<EventRow>`select * from artifact_events
      where project_id = ${projectId} and seq > ${afterSeq} order by seq limit ${limit}`.execute(
      this.db,
    );
    return rows.map(toEvent);
  }

  async lastEventSeq(projectId: string): Promise<number> {
    const { rows } = await sql<{ seq: number | null }>`
      select max(seq) as seq from artifact_events where project_id = ${projectId}`.execute(this.db);
    return Number(rows[0]?.seq ?? 0);
  }

  startCanary(key: ArtifactKey, canary: StoredCanary, by: Actor): Promise<void> {
    return this.locked(key.projectId, async (trx) => {
      if ((await this.canaryIn(trx, key))?.state.status === 'running') {
        throw new ArtifactError(
          'invalid_canary',
          `${key.kind} "${key.name}" already has a running canary`,
        );
      }
      await sql`insert into artifact_canaries (project_id, kind, name, id, state, status, started_at_ms, ended_at_ms)
        values (${key.projectId}, ${key.kind}, ${key.name}, ${canary.id}, ${JSON.stringify(canary.state)},
          ${canary.state.status}, ${canary.startedAtMs}, null)`.execute(trx);
      await this.record(trx, key, { type: 'canary_started', to: canary.state.spec.version, ...by });
    });
  }

  getCanary(key: ArtifactKey): Promise<StoredCanary | undefined> {
    return this.canaryIn(this.db, key);
  }

  judgeCanary(
    key: ArtifactKey,
    judge: (state: CanaryState) => { state: CanaryState; verdict: CanaryVerdict },
    by: Omit<Actor, 'reason'>,
  ): Promise<{ canary: StoredCanary; verdict: CanaryVerdict } | undefined> {
    return this.locked(key.projectId, async (trx) => {
      const current = await this.canaryIn(trx, key);
      if (!current || current.state.status !== 'running') return undefined;
      const judged = judge(current.state);
      // A frozen label holds the canary at its last step: it promotes once the hold is released.
      const held =
        judged.verdict.action === 'promote' &&
        (await this.guardIn(trx, key, judged.state.spec.label))?.freeze !== undefined;
      const { state, verdict } = held ? holdPromotion(judged.state) : judged;
      const ended = state.status !== 'running' ? by.atMs : undefined;
      await sql`update artifact_canaries set state = ${JSON.stringify(state)}, status = ${state.status},
        ended_at_ms = ${ended ?? null} where ${where(key)} and id = ${current.id}`.execute(trx);
      const reason = state.reason ?? verdict.action;
      const { label, version } = state.spec;
      // The canary's own gate is the eval that clears a protected label.
      if (verdict.action === 'promote')
        await this.moveIn(trx, key, label, version, { ...by, reason }, { override: true });
      if (verdict.action === 'kill')
        await this.record(trx, key, { type: 'canary_killed', to: version, ...by, reason });
      return {
        canary: { ...current, state, ...(ended !== undefined ? { endedAtMs: ended } : {}) },
        verdict,
      };
    });
  }

  private async canaryIn(db: Kysely<unknown>, key: ArtifactKey): Promise<StoredCanary | undefined> {
    const { rows } = await sql<{
      id: string;
      state: string;
      started_at_ms: number;
      ended_at_ms: number | null;
    }>`
      select id, state, started_at_ms, ended_at_ms from artifact_canaries where ${where(key)}
      order by case when status = 'running' then 0 else 1 end, started_at_ms desc limit 1`.execute(
      db,
    );
    const row = rows[0];
    return (
      row && {
        id: row.id,
        state: JSON.parse(row.state) as CanaryState,
        startedAtMs: Number(row.started_at_ms),
        ...(row.ended_at_ms !== null ? { endedAtMs: Number(row.ended_at_ms) } : {}),
      }
    );
  }

  async getPin(key: PinKey): Promise<SessionPin | undefined> {
    const { rows } = await sql<{ version: number; pinned_at_ms: number; last_seen_ms: number }>`
      select version, pinned_at_ms, last_seen_ms from session_pins where ${wherePin(key)}`.execute(
      this.db,
    );
    const row = rows[0];
    return (
      row && {
        sessionId: key.sessionId,
        version: Number(row.version),
        pinnedAtMs: Number(row.pinned_at_ms),
        lastSeenMs: Number(row.last_seen_ms),
      }
    );
  }

  async putPin(key: PinKey, pin: SessionPin, previous: SessionPin | undefined): Promise<boolean> {
    const result = previous
      ? await sql`update session_pins set version = ${pin.version},
          pinned_at_ms = ${pin.pinnedAtMs}, last_seen_ms = ${pin.lastSeenMs}
          where ${wherePin(key)} and version = ${previous.version}
          and pinned_at_ms = ${previous.pinnedAtMs}`.execute(this.db)
      : await sql`insert into session_pins (project_id, kind, name, label, session_id, version,
          pinned_at_ms, last_seen_ms)
          values (${key.projectId}, ${key.kind}, ${key.name}, ${key.label}, ${key.sessionId},
            ${pin.version}, ${pin.pinnedAtMs}, ${pin.lastSeenMs})
          on conflict (project_id, kind, name, label, session_id) do nothing`.execute(this.db);
    return Number(result.numAffectedRows ?? 0) === 1;
  }

  async pinCounts(key: ArtifactKey, sinceMs: number): Promise<PinCount[]> {
    const { rows } = await sql<{ label: string; version: number; sessions: number | string }>`
      select label, version, count(*) as sessions from session_pins
      where ${where(key)} and last_seen_ms >= ${sinceMs}
      group by label, version order by label, version`.execute(this.db);
    return rows.map((r) => ({
      label: r.label,
      version: Number(r.version),
      sessions: Number(r.sessions),
    }));
  }

  async pinSpans(key: ArtifactKey, sinceMs: number, limit: number): Promise<PinSpan[]> {
    const { rows } = await sql<{
      label: string;
      version: number;
      pinned_at_ms: number;
      last_seen_ms: number;
    }>`select label, version, pinned_at_ms, last_seen_ms from session_pins
      where ${where(key)} and last_seen_ms >= ${sinceMs}
      order by last_seen_ms desc limit ${limit}`.execute(this.db);
    return rows.map((r) => ({
      label: r.label,
      version: Number(r.version),
      pinnedAtMs: Number(r.pinned_at_ms),
      lastSeenMs: Number(r.last_seen_ms),
    }));
  }

  async endSession(projectId: string, sessionId: string): Promise<number> {
    const result = await sql`delete from session_pins
      where project_id = ${projectId} and session_id = ${sessionId}`.execute(this.db);
    return Number(result.numAffectedRows ?? 0);
  }

  async saveSnapshot(
    projectId: string,
    snapshot: Omit<SessionSnapshot, 'id'>,
  ): Promise<SessionSnapshot> {
    const id = randomUUID();
    await sql`insert into session_snapshots (id, project_id, session_id, state, versions, taken_at_ms)
      values (${id}, ${projectId}, ${snapshot.sessionId}, ${JSON.stringify(snapshot.state)},
        ${JSON.stringify(snapshot.versions)}, ${snapshot.takenAtMs})`.execute(this.db);
    return { id, ...snapshot };
  }

  async findSnapshot(
    projectId: string,
    sessionId: string,
    beforeMs?: number,
  ): Promise<SessionSnapshot | undefined> {
    const before = beforeMs === undefined ? sql`` : sql`and taken_at_ms <= ${beforeMs}`;
    const { rows } = await sql<{
      id: string;
      state: string;
      versions: string;
      taken_at_ms: number;
    }>`
      select id, state, versions, taken_at_ms from session_snapshots
      where project_id = ${projectId} and session_id = ${sessionId} ${before}
      order by taken_at_ms desc limit 1`.execute(this.db);
    const row = rows[0];
    return (
      row && {
        id: row.id,
        sessionId,
        state: JSON.parse(row.state) as unknown,
        versions: JSON.parse(row.versions) as Record<string, string>,
        takenAtMs: Number(row.taken_at_ms),
      }
    );
  }
}
