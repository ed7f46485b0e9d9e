import { renderMarkdown, assemblePostmortem } from '@glassbox/core/postmortem';
import type { PostmortemVersionInfo } from '@glassbox/core/incidents';
import { WorkspaceError } from '@glassbox/core/incidents';
import { gatherPostmortemEvidence } from './gather-postmortem-evidence.js';
import { loadWorkspace, type WorkspacePorts } from './incident-workspace.js';

/** A postmortem version's text, with who saved it (the draft: `glassbox`, now). */
export interface PostmortemVersion extends PostmortemVersionInfo {
  text: string;
}

/**
 * One version of an incident's postmortem: 0 is the draft generated now from the evidence,
 * `latest` the newest saved version (the draft when none was saved). WorkspaceError
 * `unknown_version` names the versions that exist.
 */
export async function postmortemVersion(
  ports: WorkspacePorts,
  projectId: string,
  incidentId: string,
  wanted: number | 'latest',
  nowMs = Date.now(),
): Promise<PostmortemVersion> {
  const { entries, state } = await loadWorkspace(ports, projectId, incidentId);
  const number = wanted === 'latest' ? (state.postmortemVersions.at(-1)?.version ?? 0) : wanted;
  if (number === 0) {
    const draft = assemblePostmortem(
      await gatherPostmortemEvidence(ports, projectId, incidentId, nowMs),
    );
    const text = renderMarkdown(draft);
    return { version: 0, author: 'glassbox', atMs: nowMs, chars: text.length, text };
  }
  for (const entry of entries) {
    if (entry.action.type === 'postmortem' && entry.action.version === number) {
      const text = entry.action.text;
      return { version: number, author: entry.author, atMs: entry.atMs, chars: text.length, text };
    }
  }
  const known = ['0 (generated draft)', ...state.postmortemVersions.map((v) => String(v.version))];
  throw new WorkspaceError(
    'unknown_version',
    `postmortem version ${number} of incident ${incidentId} does not exist; versions: ${known.join(', ')}`,
  );
}
