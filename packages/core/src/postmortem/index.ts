export { assemblePostmortem } from './assemble-postmortem.js';
export { evidenceChanges, rankChanges } from './rank-changes.js';
export { retrievalChanges, retrievalSighting } from './retrieval-changes.js';
export type { RetrievalSighting, SeenDocument } from './retrieval-changes.js';
export {
  applyPolish,
  checkRewording,
  polishPrompt,
  POLISH_INSTRUCTIONS,
  proseOf,
  protectedTokens,
  readRewordings,
  summaryOf,
} from './polish-prose.js';
export type { PolishedPostmortem, PolishedText, ProseItem } from './polish-prose.js';
export { pickSamples, SAMPLE_SIZE } from './pick-samples.js';
export { elevatedCategories } from './incident-categories.js';
export { renderMarkdown, linkHref } from './render-markdown.js';
export { renderYaml } from './render-yaml.js';
export { toYaml } from './yaml-text.js';
export { TraceReservoir } from './trace-reservoir.js';
export type { TraceSampling } from './trace-reservoir.js';
export { POSTMORTEM_FORMATS, ROOT_CAUSE_CATEGORIES } from './postmortem.js';
export type * from './postmortem.js';
export type * from './postmortem-evidence.js';
