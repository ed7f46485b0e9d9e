import type { MoveClearance } from '@glassbox/core/artifacts';
import type {
  ArtifactEvent,
  ArtifactKind,
  ArtifactSummary,
  ArtifactVersion,
  LabelMove,
  PinCount,
  PinSpan,
  CanaryState,
  CanaryVerdict,
  EvalGate,
  LabelGuard,
  MoveAuthority,
  SessionPin,
  SessionSnapshot,
  StoredCanary,
} from '@glassbox/core/artifacts';

export type { ArtifactEvent, ArtifactSummary, PinCount, PinSpan, SessionSnapshot, StoredCanary };

/** One artifact of one project. */
export interface ArtifactKey {
  projectId: string;
  kind: ArtifactKind;
  name: string;
}

/** A version to store; the store numbers it. */
export interface NewArtifactVersion {
  content: unknown;
  config: Record<string, unknown>;
  hash: string;
  message?: string;
  createdBy: string;
  createdAtMs: number;
}

/** Who did something to the registry, and why. */
export interface Actor {
  actor: string;
  reason: string;
  atMs: number;
}

/** A session's pin on one label of one artifact. */
export interface PinKey extends ArtifactKey {
  label: string;
  sessionId: string;
}

/**
 * The artifact registry's state, per project: immutable numbered versions, labels with an
 * audit trail of every move and revocation, server-side session pins, and session memory
 * snapshots. Rule checks come from core (`checkLabelMove`, `checkRevoke`) and run inside the
 * store's transaction, so a concurrent revocation cannot slip between check and move.
 */
export interface ArtifactStore {
  /** Stores the next version (1 for a new artifact); versions never change afterwards. */
  createVersion(key: ArtifactKey, version: NewArtifactVersion): Promise<ArtifactVersion>;
  getVersion(key: ArtifactKey, version: number): Promise<ArtifactVersion | undefined>;
  /** Every version, oldest first; empty for an unknown artifact. */
  listVersions(key: ArtifactKey): Promise<ArtifactVersion[]>;
  listArtifacts(projectId: string): Promise<ArtifactSummary[]>;
  getLabels(key: ArtifactKey): Promise<Record<string, number>>;
  /**
   * Points `label` at `to` and records the move, atomically: of two concurrent moves the
   * last wins and both are in the trail, each with the `from` it replaced. Throws core's
   * ArtifactError when the version is missing or revoked.
   */
  moveLabel(
    key: ArtifactKey,
    label: string,
    to: number,
    by: Actor,
    authority?: MoveAuthority,
  ): Promise<LabelMove & MoveClearance>;
  /**
   * Guards of the artifact's labels that were ever protected or held (a label never guarded
   * has none). Moves check them inside their transaction (core's checkGuardedMove): a frozen
   * label refuses moves, a protected one needs a passing gate of the target or an override.
   */
  labelGuards(key: ArtifactKey): Promise<LabelGuard[]>;
  /** Protects or unprotects a label, recorded in the audit trail. */
  protectLabel(
    key: ArtifactKey,
    label: string,
    isProtected: boolean,
    by: Actor,
  ): Promise<LabelGuard>;
  /**
   * Freezes a label (moves refused until released) or releases it (`freeze` false), recorded
   * in the audit trail with the incident when one is given.
   */
  freezeLabel(
    key: ArtifactKey,
    label: string,
    freeze: boolean,
    by: Actor & { incidentId?: string },
  ): Promise<LabelGuard>;
  /** Stores an eval gate for a version, recorded in the audit trail; ArtifactError for an unknown version. */
  recordGate(key: ArtifactKey, gate: Omit<EvalGate, 'id'>): Promise<EvalGate>;
  /** The gates of a version (every version when absent), newest first. */
  listGates(key: ArtifactKey, version?: number): Promise<EvalGate[]>;
  /** Marks a version revoked and records it; throws ArtifactError if a label points at it. */
  revokeVersion(key: ArtifactKey, version: number, by: Actor): Promise<void>;
  /** The artifact's audit trail, newest first. */
  history(key: ArtifactKey, limit: number): Promise<ArtifactEvent[]>;
  /** The project's events with `seq` above `afterSeq`, oldest first. */
  eventsAfter(projectId: string, afterSeq: number, limit: number): Promise<ArtifactEvent[]>;
  /** The project's newest event `seq`, 0 when there is none. */
  lastEventSeq(projectId: string): Promise<number>;

  getPin(key: PinKey): Promise<SessionPin | undefined>;
  /**
   * Stores a pin if the stored one is still `previous` (absent: none stored yet); false when
   * another replica changed it first, so the caller re-reads and decides again.
   */
  putPin(key: PinKey, pin: SessionPin, previous: SessionPin | undefined): Promise<boolean>;
  /** Live pins (seen at or after `sinceMs`) per label and version. */
  pinCounts(key: ArtifactKey, sinceMs: number): Promise<PinCount[]>;
  /**
   * The artifact's pins last seen at or after `sinceMs`, newest first, at most `limit`: what
   * the drain chart is drawn from.
   */
  pinSpans(key: ArtifactKey, sinceMs: number, limit: number): Promise<PinSpan[]>;
  /** Ends a session: drops all its pins in the project; returns how many. */
  endSession(projectId: string, sessionId: string): Promise<number>;

  /**
   * Starts a canary and records it; throws ArtifactError `invalid_canary` while another one
   * of the artifact is running.
   */
  startCanary(key: ArtifactKey, canary: StoredCanary, by: Actor): Promise<void>;
  /** The running canary, else the newest ended one. */
  getCanary(key: ArtifactKey): Promise<StoredCanary | undefined>;
  /**
   * Applies `judge` (core's observeCanary) to the running canary atomically. A `promote`
   * verdict moves the canary's label to its version and a `kill` records why, both in the
   * audit trail under `by`. Undefined when no canary is running.
   */
  judgeCanary(
    key: ArtifactKey,
    judge: (state: CanaryState) => { state: CanaryState; verdict: CanaryVerdict },
    by: Omit<Actor, 'reason'>,
  ): Promise<{ canary: StoredCanary; verdict: CanaryVerdict } | undefined>;

  saveSnapshot(projectId: string, snapshot: Omit<SessionSnapshot, 'id'>): Promise<SessionSnapshot>;
  /** The session's newest snapshot taken at or before `beforeMs` (any time when absent). */
  findSnapshot(
    projectId: string,
    sessionId: string,
    beforeMs?: number,
  ): Promise<SessionSnapshot | undefined>;
}
