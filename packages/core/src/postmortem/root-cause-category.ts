import type { Layer } from '../classify/failure-categories.js';
import type { ChangeItem, RootCauseCategory } from './postmortem.js';

/**
 * The template's root_cause.category for the layer the evidence implicates. Generation and
 * output failures after a model, prompt or sampling change are prompt drift (the prompt is
 * read differently); without such a change they are left open rather than guessed.
 */
export function rootCauseCategory(
  layer: Layer | undefined,
  changes: readonly ChangeItem[],
): { category: RootCauseCategory | null; why: string } {
  if (!layer) return { category: null, why: 'no failure layer stands out in the affected traces' };
  const promptSide = changes.find((c) => ['model', 'prompt', 'sampling'].includes(c.kind));
  switch (layer) {
    case 'retrieval':
      return { category: 'retrieval', why: 'the affected traces fail in retrieval' };
    case 'upstream_data':
      return {
        category: 'data_drift',
        why: 'the affected traces cite stale or changed source data',
      };
    case 'tools':
      return { category: 'tool_failure', why: 'the affected traces fail in tool calls' };
    case 'input':
      return {
        category: 'context',
        why: 'the affected traces lose or overflow their input context',
      };
    case 'generation':
    case 'output':
    case 'routing':
      return promptSide
        ? { category: 'prompt_drift', why: `${layer} failures follow a change: ${promptSide.text}` }
        : {
            category: null,
            why: `${layer} failures with no model, prompt or sampling change on record`,
          };
    default:
      return { category: null, why: `the ${layer} layer has no category in the template` };
  }
}
