export {
  gatherPostmortemEvidence,
  IncidentNotFound,
  MAX_POSTMORTEM_TRACES,
} from './gather-postmortem-evidence.js';
export type { PostmortemPorts } from './gather-postmortem-evidence.js';
export { postmortemOf } from './postmortem-of.js';
