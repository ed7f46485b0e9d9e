import { generateFromSchema } from '../json/generate-from-schema.js';
import { keyTerms, overlap } from '../text/key-terms.js';
import type { Random } from '../util/seeded-random.js';
import type { ChatRequest, ToolCall, ToolDefinition } from './chat-types.js';

/**
 * Decides whether the model calls a tool and with what arguments. A tool is called when it
 * is forced (`tool_choice`), required, or (`auto`) when the latest user turn shares words
 * with the tool's name or description and no tool result has answered it yet.
 */
export function chooseToolCall(
  request: ChatRequest,
  question: string,
  answeredByTool: boolean,
  rng: Random,
): ToolCall | null {
  const tools = request.tools ?? [];
  const choice = request.tool_choice ?? 'auto';
  if (tools.length === 0 || choice === 'none') return null;
  let tool: ToolDefinition | undefined;
  if (typeof choice === 'object') {
    tool = tools.find((t) => t.function.name === choice.function.name);
  } else {
    const scores = tools.map((t) =>
      overlap(
        keyTerms(`${t.function.name.replace(/[_-]/g, ' ')} ${t.function.description ?? ''}`),
        question,
      ),
    );
    const best = Math.max(...scores);
    if (choice === 'required' || (!answeredByTool && best > 0)) tool = tools[scores.indexOf(best)];
  }
  if (!tool) return null;
  const schema = tool.function.parameters ?? { type: 'object', properties: {} };
  const args = generateFromSchema(schema, { text: question, rng });
  return {
    id: `call_${Array.from({ length: 24 }, () => rng.pick([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'])).join('')}`,
    type: 'function',
    function: { name: tool.function.name, arguments: JSON.stringify(args) },
  };
}
