import { AGENT_TRACES } from './agent-traces.js';
import { INFRA_IO_TRACES } from './infra-io-traces.js';
import type { LabelledTrace } from './labelled-trace.js';
import { RAG_TRACES } from './rag-traces.js';
import { RANKING_TRACES } from './ranking-traces.js';

/** The hand-labelled corpus: every trace with its expected categories and layer. */
export const CORPUS: LabelledTrace[] = [
  ...RAG_TRACES,
  ...RANKING_TRACES,
  ...AGENT_TRACES,
  ...INFRA_IO_TRACES,
];
export type { LabelledTrace } from './labelled-trace.js';
export {
  makeSpan,
  llmSpan,
  retrieverSpan,
  toolSpan,
  rootSpan,
  doc,
  T0,
  DAY,
} from './span-factory.js';
