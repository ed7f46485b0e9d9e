import type { Span, ToolCall, ToolDefinition } from '../model/span.js';
import { ClassifierError } from './classifier-error.js';
import { makeFinding, type Finding } from './failure-categories.js';
import { validateJsonSchema } from './json-schema.js';
import { callStatus, clip, errorText } from './span-text.js';

/**
 * A failed tool span, or one whose result is an `{ "error": ... }` object; and tool calls an
 * LLM span requested that do not match the offered tools' JSON schemas. Infrastructure
 * failures (timeouts, rate limits) are reported by their own rules, not here.
 */
export function toolFindings(span: Span, infrastructureFound: boolean): Finding[] {
  if (span.kind === 'tool') {
    if (infrastructureFound) return [];
    const failed =
      span.status === 'error' || ['error', 'invalid_response'].includes(callStatus(span) ?? '');
    const resultError = errorInResult(span.tool?.result ?? span.output);
    if (!failed && resultError === undefined) return [];
    const name = span.tool?.name ?? span.name;
    return [
      makeFinding('tool_error', [span.spanId], `tool ${name} failed`, {
        tool: name,
        error: clip(failed ? errorText(span) : (resultError ?? '')),
        arguments: clip(span.tool?.arguments ?? ''),
      }),
    ];
  }
  if (span.kind !== 'llm' || span.toolDefinitions.length === 0) return [];
  const out: Finding[] = [];
  for (const message of span.outputMessages) {
    for (const call of message.toolCalls ?? []) {
      const problems = argumentProblems(call, span.toolDefinitions);
      if (problems.length === 0) continue;
      out.push(
        makeFinding(
          'invalid_tool_arguments',
          [span.spanId],
          `${call.name}: arguments do not match the tool's schema`,
          {
            tool: call.name,
            arguments: clip(call.arguments),
            problems,
          },
        ),
      );
    }
  }
  return out;
}

/**
 * Why a tool call's arguments are invalid against the offered definitions; empty when valid
 * or when the definition's schema cannot be read (we do not blame the model for that).
 *
 * @example
 * argumentProblems({ name: 'book', arguments: '{}' }, [{ name: 'book', parameters: { type: 'object', required: ['date'] } }]);
 * // ['/date is required']
 */
export function argumentProblems(call: ToolCall, definitions: ToolDefinition[]): string[] {
  const def = definitions.find((d) => d.name === call.name);
  if (!def)
    return [
      `tool "${call.name}" was not offered (offered: ${definitions.map((d) => d.name).join(', ')})`,
    ];
  let value: unknown;
  try {
    value = call.arguments.trim() === '' ? {} : (JSON.parse(call.arguments) as unknown);
  } catch (error) {
    return [`arguments are not JSON: ${error instanceof Error ? error.message : String(error)}`];
  }
  if (def.parameters === undefined) return [];
  try {
    return validateJsonSchema(value, def.parameters).map((v) => `${v.path} ${v.message}`);
  } catch (error) {
    if (error instanceof ClassifierError) return [];
    throw error;
  }
}

function errorInResult(result: string | undefined): string | undefined {
  if (!result || result.length > 100_000 || !result.trimStart().startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(result) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const e = (parsed as Record<string, unknown>).error;
      if (e !== undefined && e !== null && e !== false && e !== '')
        return typeof e === 'string' ? e : JSON.stringify(e);
    }
  } catch {
    return undefined;
  }
  return undefined;
}
