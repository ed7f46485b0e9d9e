import type { IncidentSeverity } from './incident-severity.js';
import { RUNBOOK_ITEMS } from './runbook.js';
import type { WorkspaceAction } from './workspace-entry.js';
import { WorkspaceError } from './workspace-error.js';
import type { WorkspaceState } from './workspace-state.js';
import { STATUS_TRANSITIONS, type WorkspaceStatus } from './workspace-status.js';

/** What a person asks for; `planWorkspaceAction` checks it against the current state. */
export type WorkspaceChange =
  | { type: 'status'; to: WorkspaceStatus; reason?: string }
  | { type: 'severity'; to: IncidentSeverity }
  | { type: 'owner'; owner: string | null }
  | { type: 'note'; text: string }
  | { type: 'runbook'; itemId: string; done: boolean }
  | { type: 'postmortem'; text: string };

export const MAX_NOTE_CHARS = 10_000;
export const MAX_POSTMORTEM_CHARS = 500_000;

/**
 * Turns a requested change into the action to store, or throws WorkspaceError naming what
 * is wrong: a status move the lifecycle does not allow (with the allowed ones), an unknown
 * runbook item (with the known ones), empty or oversized text.
 *
 * @example
 * planWorkspaceAction(state, { type: 'status', to: 'resolved' });
 * // → { type: 'status', from: 'investigating', to: 'resolved' }
 */
export function planWorkspaceAction(
  state: WorkspaceState,
  change: WorkspaceChange,
): WorkspaceAction {
  switch (change.type) {
    case 'status': {
      const allowed = STATUS_TRANSITIONS[state.status];
      if (!allowed.includes(change.to)) {
        throw new WorkspaceError(
          'invalid_transition',
          `status cannot go from ${state.status} to ${change.to}; allowed from ${state.status}: ${allowed.join(', ')}`,
        );
      }
      return {
        type: 'status',
        from: state.status,
        to: change.to,
        ...(change.reason ? { reason: change.reason } : {}),
      };
    }
    case 'severity':
      return { type: 'severity', from: state.severity, to: change.to };
    case 'owner':
      return { type: 'owner', owner: change.owner === null ? null : checkText(change.owner, 200) };
    case 'note':
      return { type: 'note', text: checkText(change.text, MAX_NOTE_CHARS) };
    case 'runbook':
      if (!RUNBOOK_ITEMS.some((i) => i.id === change.itemId)) {
        throw new WorkspaceError(
          'unknown_runbook_item',
          `unknown runbook item "${change.itemId}"; known: ${RUNBOOK_ITEMS.map((i) => i.id).join(', ')}`,
        );
      }
      return { type: 'runbook', itemId: change.itemId, done: change.done };
    case 'postmortem':
      return {
        type: 'postmortem',
        version: (state.postmortemVersions.at(-1)?.version ?? 0) + 1,
        text: checkText(change.text, MAX_POSTMORTEM_CHARS),
      };
  }
}

function checkText(text: string, max: number): string {
  const trimmed = text.trim();
  if (trimmed.length === 0) throw new WorkspaceError('empty_text', 'text is empty');
  if (trimmed.length > max) {
    throw new WorkspaceError(
      'text_too_long',
      `text has ${trimmed.length} characters; at most ${max}`,
    );
  }
  return trimmed;
}
