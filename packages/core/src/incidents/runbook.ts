import type { WorkspaceState } from './workspace-state.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The four phases of the incident runbook, with when each should be done after the onset. */
export const RUNBOOK_PHASES = [
  { id: 'triage', title: 'Triage', window: '0–15 min', dueAfterMs: 15 * MINUTE },
  { id: 'scope', title: 'Scope', window: '15–60 min', dueAfterMs: HOUR },
  { id: 'mitigate', title: 'Mitigate', window: '1–4 h', dueAfterMs: 4 * HOUR },
  { id: 'post-incident', title: 'Post-incident', window: '24–72 h', dueAfterMs: 72 * HOUR },
] as const;
export type RunbookPhase = (typeof RUNBOOK_PHASES)[number]['id'];

/** What Glassbox can see done, read from the stores around the incident. */
export interface RunbookSignals {
  onsetMs: number;
  /** When detection saw every alert back in control. */
  detectionResolvedAtMs?: number;
  /** Replay and bisection runs on the incident's traces since the onset, oldest first. */
  replays: { id: string; kind: string; traceId: string; atMs: number }[];
  /** Artifact label moves since the onset (rollbacks and holds), oldest first. */
  labelMoves: { artifact: string; label: string; to: number; actor: string; atMs: number }[];
  /** Monitors created or changed since the onset, oldest first. */
  monitorsAdded: { id: string; atMs: number }[];
}

interface Seen {
  atMs: number;
  author: string;
  evidence: string;
}

interface RunbookItemSpec {
  id: string;
  phase: RunbookPhase;
  text: string;
  /** How Glassbox sees the item done by itself; absent: ticked by hand only. */
  seen?: (state: WorkspaceState, signals: RunbookSignals) => Seen | undefined;
}

const reached = (state: WorkspaceState, status: string): Seen | undefined => {
  const move = state.statusHistory.find((s) => s.to === status);
  return move && { ...move, evidence: `status set to ${status}` };
};

/** The runbook's items, by phase; item ids are stable (ticks are stored by id). */
export const RUNBOOK_ITEMS: readonly RunbookItemSpec[] = [
  {
    id: 'set-severity',
    phase: 'triage',
    text: 'Set the severity',
    seen: (s) => s.severitySet && { ...s.severitySet, evidence: `severity ${s.severity}` },
  },
  {
    id: 'assign-owner',
    phase: 'triage',
    text: 'Assign an owner',
    seen: (s) =>
      s.owner && s.ownerSet ? { ...s.ownerSet, evidence: `owner ${s.owner}` } : undefined,
  },
  {
    id: 'acknowledge',
    phase: 'triage',
    text: 'Acknowledge: move the status to investigating',
    seen: (s) => {
      const first = s.statusHistory[0];
      return first && { ...first, evidence: `status set to ${first.to}` };
    },
  },
  {
    id: 'check-versions',
    phase: 'triage',
    text: 'Check what changed (model, prompt, sampling, index): replay or bisect a failing trace',
    seen: (_, g) => {
      const run = g.replays[0];
      return (
        run && {
          atMs: run.atMs,
          author: 'glassbox',
          evidence: `${run.kind} ${run.id} on trace ${run.traceId}`,
        }
      );
    },
  },
  {
    id: 'review-scope',
    phase: 'scope',
    text: 'Review the scope: affected share by route and model',
  },
  { id: 'inspect-traces', phase: 'scope', text: 'Read the failing traces beside the healthy ones' },
  {
    id: 'identify-cause',
    phase: 'scope',
    text: 'Name the failing layer and the cause (status identified)',
    seen: (s) => reached(s, 'identified'),
  },
  {
    id: 'roll-back',
    phase: 'mitigate',
    text: 'Roll back or hold the changed artifact',
    seen: (_, g) => {
      const move = g.labelMoves[0];
      return (
        move && {
          atMs: move.atMs,
          author: move.actor,
          evidence: `${move.artifact} label ${move.label} moved to v${move.to}`,
        }
      );
    },
  },
  {
    id: 'confirm-fix',
    phase: 'mitigate',
    text: 'Ship the fix and watch it hold (status monitoring)',
    seen: (s) => reached(s, 'monitoring'),
  },
  {
    id: 'verify-recovery',
    phase: 'mitigate',
    text: 'Verify recovery: every alert back in control',
    seen: (_, g) =>
      g.detectionResolvedAtMs === undefined
        ? undefined
        : {
            atMs: g.detectionResolvedAtMs,
            author: 'glassbox',
            evidence: 'detection resolved every alert',
          },
  },
  {
    id: 'add-monitor',
    phase: 'post-incident',
    text: 'Add a monitor for the signal that was missing',
    seen: (_, g) => {
      const m = g.monitorsAdded[0];
      return m && { atMs: m.atMs, author: 'glassbox', evidence: `monitor ${m.id}` };
    },
  },
  {
    id: 'add-eval-cases',
    phase: 'post-incident',
    text: 'Add the failing traces to an eval dataset',
  },
  {
    id: 'write-postmortem',
    phase: 'post-incident',
    text: 'Review and save the postmortem',
    seen: (s) => {
      const v = s.postmortemVersions[0];
      return v && { atMs: v.atMs, author: v.author, evidence: `postmortem version ${v.version}` };
    },
  },
  {
    id: 'follow-ups',
    phase: 'post-incident',
    text: 'Decide follow-ups: guardrails, canary gates, rollback rules',
  },
];

/** One runbook item as the workspace shows it. */
export interface RunbookItem {
  id: string;
  phase: RunbookPhase;
  text: string;
  done: boolean;
  /** `glassbox` when seen done in the data, `hand` when a person ticked it. */
  by?: 'glassbox' | 'hand';
  author?: string;
  atMs?: number;
  evidence?: string;
  /** True when Glassbox can tick this item by itself. */
  automatic: boolean;
}

export interface RunbookView {
  phases: {
    id: RunbookPhase;
    title: string;
    window: string;
    dueAtMs: number;
    items: RunbookItem[];
  }[];
  done: number;
  total: number;
}

/**
 * The runbook of an incident: each item done when Glassbox sees it in the data (that wins),
 * else as last ticked by hand.
 *
 * @example
 * evaluateRunbook(state, { onsetMs, replays: [], labelMoves: [], monitorsAdded: [] });
 */
export function evaluateRunbook(state: WorkspaceState, signals: RunbookSignals): RunbookView {
  const items = RUNBOOK_ITEMS.map((spec): RunbookItem => {
    const seen = spec.seen?.(state, signals);
    const base = { id: spec.id, phase: spec.phase, text: spec.text, automatic: Boolean(spec.seen) };
    if (seen) return { ...base, done: true, by: 'glassbox', ...seen };
    const tick = state.manualTicks[spec.id];
    if (tick?.done)
      return { ...base, done: true, by: 'hand', author: tick.author, atMs: tick.atMs };
    return { ...base, done: false };
  });
  return {
    phases: RUNBOOK_PHASES.map((p) => ({
      id: p.id,
      title: p.title,
      window: p.window,
      dueAtMs: signals.onsetMs + p.dueAfterMs,
      items: items.filter((i) => i.phase === p.id),
    })),
    done: items.filter((i) => i.done).length,
    total: items.length,
  };
}
