import type { AttributeValue, Attributes } from '../model/attributes.js';
import type { ToolDefinition } from '../model/span.js';
import { asArray, asObject, asString, isRecord } from './attribute-values.js';
import { rebuildIndexed } from './rebuild-indexed.js';

/**
 * Tools offered to the model: `gen_ai.tool.definitions`, OpenInference
 * `llm.tools.N.tool.json_schema`, OpenLLMetry legacy `llm.request.functions.N.*`, the AI SDK's
 * `ai.prompt.tools` (list of JSON strings). Accepts the OpenAI wrapper
 * (`{type:'function', function:{...}}`) and flat `{name, description, parameters}` forms.
 */
export function readToolDefinitions(attributes: Attributes): ToolDefinition[] {
  const otel = asArray(attributes['gen_ai.tool.definitions']);
  if (otel) return collect(otel);
  const openInference = rebuildIndexed(attributes, 'llm.tools').map((entry) =>
    isRecord(entry) && isRecord(entry.tool) ? entry.tool.json_schema : undefined,
  );
  if (openInference.length > 0) return collect(openInference);
  const legacy = rebuildIndexed(attributes, 'llm.request.functions');
  if (legacy.length > 0) {
    return collect(
      legacy.map((entry) =>
        isRecord(entry)
          ? {
              name: entry.name ?? null,
              description: entry.description ?? null,
              parameters: entry.arguments ?? null,
            }
          : null,
      ),
    );
  }
  const aiSdk = asArray(attributes['ai.prompt.tools']);
  return aiSdk ? collect(aiSdk) : [];
}

function collect(values: (AttributeValue | undefined)[]): ToolDefinition[] {
  return values.map(definition).filter((d): d is ToolDefinition => d !== undefined);
}

function definition(value: AttributeValue | undefined): ToolDefinition | undefined {
  const raw = asObject(value);
  if (!raw) return undefined;
  const fn = isRecord(raw.function) ? raw.function : raw;
  const name = asString(fn.name);
  if (!name) return undefined;
  const description = asString(fn.description);
  const parameters = asObject(fn.parameters ?? fn.inputSchema ?? fn.input_schema);
  return { name, ...(description ? { description } : {}), ...(parameters ? { parameters } : {}) };
}
