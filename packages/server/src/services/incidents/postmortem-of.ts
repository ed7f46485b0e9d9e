import {
  assemblePostmortem,
  renderMarkdown,
  renderYaml,
  type Postmortem,
  type PostmortemFormat,
} from '@glassbox/core/postmortem';
import { gatherPostmortemEvidence, type PostmortemPorts } from './gather-postmortem-evidence.js';

/**
 * An incident's postmortem draft in the asked format: Markdown for people, the template's
 * YAML for a team's process, JSON with every evidence link.
 *
 * @example
 * const { text } = await postmortemOf(ports, 'default', incidentId, 'md');
 */
export async function postmortemOf(
  ports: PostmortemPorts,
  projectId: string,
  incidentId: string,
  format: PostmortemFormat,
): Promise<{ draft: Postmortem; text: string }> {
  const draft = assemblePostmortem(await gatherPostmortemEvidence(ports, projectId, incidentId));
  const text =
    format === 'md'
      ? renderMarkdown(draft)
      : format === 'yaml'
        ? renderYaml(draft)
        : `${JSON.stringify(draft, null, 2)}\n`;
  return { draft, text };
}
