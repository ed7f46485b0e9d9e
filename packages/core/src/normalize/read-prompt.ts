import type { Attributes } from '../model/attributes.js';
import { GLASSBOX_ATTRIBUTES } from '../model/glassbox-attributes.js';
import type { PromptReference } from '../model/span.js';
import { asObject, asString, firstOf } from './attribute-values.js';

/**
 * The prompt a span used: name from `gen_ai.prompt.name` / OpenInference `prompt.id`; version
 * from `glassbox.prompt.version`, `llm.prompt_template.version`, `traceloop.entity.version`;
 * template and variables (JSON or structured) from `llm.prompt_template.*`.
 */
export function readPrompt(attributes: Attributes): PromptReference | undefined {
  const name = firstOf(attributes, ['gen_ai.prompt.name', 'prompt.id'], asString);
  const version = firstOf(
    attributes,
    [GLASSBOX_ATTRIBUTES.promptVersion, 'llm.prompt_template.version', 'traceloop.entity.version'],
    asString,
  );
  const template = asString(attributes['llm.prompt_template.template']);
  const variables = asObject(attributes['llm.prompt_template.variables']);
  if (!name && !version && !template && !variables) return undefined;
  return {
    ...(name ? { name } : {}),
    ...(version ? { version } : {}),
    ...(template ? { template } : {}),
    ...(variables ? { variables } : {}),
  };
}
