/**
 * The people-facing status of an incident, after the Statuspage / incident.io lifecycle:
 * `triggered` (detection opened it, nobody has looked), `investigating`, `identified` (the
 * cause is known), `monitoring` (a fix is out, watching it hold), `resolved`. A resolved
 * incident can be reopened: it goes back to `investigating`.
 */
export const WORKSPACE_STATUSES = [
  'triggered',
  'investigating',
  'identified',
  'monitoring',
  'resolved',
] as const;
export type WorkspaceStatus = (typeof WORKSPACE_STATUSES)[number];

/** Where each status may go next; nothing returns to `triggered`, which only detection sets. */
export const STATUS_TRANSITIONS: Record<WorkspaceStatus, readonly WorkspaceStatus[]> = {
  triggered: ['investigating', 'identified', 'monitoring', 'resolved'],
  investigating: ['identified', 'monitoring', 'resolved'],
  identified: ['investigating', 'monitoring', 'resolved'],
  monitoring: ['investigating', 'identified', 'resolved'],
  resolved: ['investigating'],
};

/** True when a move from `from` to `to` reopens a resolved incident. */
export const isReopen = (from: WorkspaceStatus, to: WorkspaceStatus): boolean =>
  from === 'resolved' && to !== 'resolved';
