import type { VersionSnapshot } from '../model/index.js';
import type { ArtifactKind } from './artifact-kind.js';
import type { ArtifactVersion } from './artifact-version.js';
import type { CanaryState } from './canary-gate.js';
import type { PinOutcome } from './session-pin.js';

/** An artifact at a glance: its newest version and where its labels point. */
export interface ArtifactSummary {
  kind: ArtifactKind;
  name: string;
  latestVersion: number;
  labels: Record<string, number>;
}

/**
 * One entry of an artifact's audit trail: a label move or a revocation. `seq` grows by one
 * per event within a project, so a client that saw event n asks for everything after n.
 */
export type ArtifactEvent = {
  seq: number;
  kind: ArtifactKind;
  name: string;
  actor: string;
  reason: string;
  atMs: number;
  /** The incident a hold acted for. */
  incidentId?: string;
} & (
  | {
      type: 'label_moved';
      label: string;
      from?: number;
      to: number;
      /** The passing eval gate that cleared a protected label's move. */
      gateId?: string;
      /** The move passed protection by an explicit override (its reason says why). */
      override?: true;
      /**
       * The version the label now points at, attached to events the server streams (never
       * stored): a client swaps its cached copy for it instead of refetching.
       */
      target?: ArtifactVersion;
    }
  | {
      type: 'label_protected' | 'label_unprotected' | 'label_frozen' | 'label_released';
      label: string;
    }
  | { type: 'gate_recorded'; version: number; passed: boolean; passRate: number }
  | { type: 'version_revoked'; version: number }
  /** A canary of `version` started, or was killed by its gate (its reason says why). */
  | { type: 'canary_started' | 'canary_killed'; version: number }
);

/** Sessions still pinned to a version of a label: what a rollback drains. */
export interface PinCount {
  label: string;
  version: number;
  sessions: number;
}

/** A point-in-time checkpoint of an app's conversation state, with its versions. */
export interface SessionSnapshot {
  id: string;
  sessionId: string;
  /** The app's state, as JSON. */
  state: unknown;
  /** The versions the session ran under when the checkpoint was taken. */
  versions: VersionSnapshot;
  takenAtMs: number;
}

/** What a resolution of `?label=` answers: the version served, and the session's pin. */
export interface ResolvedArtifact {
  label: string;
  version: ArtifactVersion;
  /** Which arm of a running canary served this request. */
  arm?: 'control' | 'canary';
  /** Present when a sessionId was given: how this turn's version was decided. */
  pin?: { sessionId: string; outcome: PinOutcome; pinnedAtMs: number };
}

/** A page of the project's label-move stream. */
export interface ArtifactEventPage {
  items: ArtifactEvent[];
  /** The highest `seq` the client has now seen; ask for events after it next. */
  lastSeq: number;
}

/** A canary of an artifact, as stored: its gate state and when it ran. */
export interface StoredCanary {
  id: string;
  state: CanaryState;
  startedAtMs: number;
  endedAtMs?: number;
}
