import { ClassifierError, validateJsonSchema } from '../classify/index.js';
import type { AssertionInput, AssertionVerdict } from './assertion-input.js';
import { binaryVerdict } from './assertion-input.js';
import { invalidAssertion } from './eval-error.js';

interface FunctionDefinition {
  name: string;
  parameters?: unknown;
}

/** The OpenAI tool calls of an output: the array itself or a message's `tool_calls`. */
function toolCallsOf(output: unknown): unknown {
  if (output && typeof output === 'object' && !Array.isArray(output) && 'tool_calls' in output) {
    return (output as { tool_calls: unknown }).tool_calls;
  }
  return output;
}

function functionsOf(tools: readonly unknown[]): FunctionDefinition[] {
  return tools.flatMap((tool) => {
    const t = tool as { type?: unknown; function?: FunctionDefinition };
    return t?.type === 'function' && t.function && typeof t.function.name === 'string'
      ? [t.function]
      : [];
  });
}

function checkCall(
  call: { name: string; arguments: string },
  functions: FunctionDefinition[],
): string | undefined {
  const definition = functions.find((f) => f.name === call.name);
  if (!definition) return `Called "${call.name}", but there is no function with that name`;
  let args: unknown;
  try {
    args = JSON.parse(call.arguments);
  } catch {
    return `Arguments of "${call.name}" are not valid JSON: ${call.arguments}`;
  }
  if (definition.parameters === undefined) return undefined;
  try {
    const violations = validateJsonSchema(args, definition.parameters, { strict: true });
    if (violations.length === 0) return undefined;
    return `Call to "${call.name}" does not match its parameters: ${violations.map((v) => `${v.path} ${v.message}`).join(', ')}`;
  } catch (error) {
    if (error instanceof ClassifierError)
      return `Parameters schema of "${call.name}": ${error.message}`;
    throw error;
  }
}

/** `is-valid-openai-tools-call`: every tool call names a configured function with valid arguments. */
export function assertValidOpenAiToolsCall(input: AssertionInput): AssertionVerdict {
  const calls = toolCallsOf(input.output);
  const wellFormed =
    Array.isArray(calls) &&
    calls.length > 0 &&
    calls.every((c) => {
      const f = (c as { function?: { name?: unknown; arguments?: unknown } })?.function;
      return typeof f?.name === 'string' && typeof f.arguments === 'string';
    });
  if (!wellFormed) {
    return binaryVerdict(
      false,
      `OpenAI did not return a valid-looking tools response: ${JSON.stringify(calls)}`,
    );
  }
  if (!input.tools)
    return binaryVerdict(false, 'No tools configured in provider, but output contains tool calls');
  const functions = functionsOf(input.tools);
  for (const call of calls as { function: { name: string; arguments: string } }[]) {
    const problem = checkCall(call.function, functions);
    if (problem) return binaryVerdict(false, problem);
  }
  return binaryVerdict(true, '');
}

/**
 * The names of the tools an output called, from OpenAI (`tool_calls`, `[{ function }]`),
 * Anthropic (`tool_use` blocks), Gemini (`functionCall`) or plain `[{ name }]` shapes, or a
 * JSON text of any of them.
 */
export function calledToolNames(output: unknown): Set<string> {
  const names = new Set<string>();
  const add = (name: unknown): void => {
    if (typeof name === 'string') names.add(name);
  };
  if (output === null || output === undefined) return names;
  if (typeof output === 'string') {
    const texts = [
      output,
      ...output
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => /^[[{]/.test(l)),
    ];
    for (const text of texts) {
      try {
        for (const name of calledToolNames(JSON.parse(text) as unknown)) names.add(name);
        if (text === output) return names;
      } catch {
        // not JSON: try the next line
      }
    }
    return names;
  }
  if (typeof output !== 'object') return names;
  const o = output as Record<string, unknown>;
  if (Array.isArray(o.tool_calls)) {
    for (const c of o.tool_calls as Record<string, unknown>[]) {
      add((c?.function as Record<string, unknown> | undefined)?.name);
      add(c?.name);
    }
    return names;
  }
  if (o.type === 'tool_use') return (add(o.name), names);
  if (o.functionCall && typeof o.functionCall === 'object')
    return (add((o.functionCall as Record<string, unknown>).name), names);
  if (Array.isArray(output)) {
    for (const block of output as Record<string, unknown>[]) {
      if (!block || typeof block !== 'object') continue;
      if (block.type === 'tool_use') add(block.name);
      else if (block.functionCall && typeof block.functionCall === 'object')
        add((block.functionCall as Record<string, unknown>).name);
      else if (block.function && typeof block.function === 'object')
        add((block.function as Record<string, unknown>).name);
      else add(block.name);
    }
  }
  return names;
}

/** `tool-call-f1`: F1 of the called tool names against the expected set, at least `threshold` (1). */
export function assertToolCallF1(input: AssertionInput): AssertionVerdict {
  const { value, baseType } = input;
  let expectedList: string[];
  if (Array.isArray(value)) expectedList = value.map(String);
  else if (typeof value === 'string') expectedList = value.split(',').map((s) => s.trim());
  else throw invalidAssertion(baseType, 'needs a list of tool names or a comma-separated string');
  if (expectedList.length === 0)
    throw invalidAssertion(baseType, 'needs at least one expected tool name');
  const expected = new Set(expectedList);
  const actual = calledToolNames(input.output);
  const hits = [...expected].filter((t) => actual.has(t)).length;
  const precision = actual.size > 0 ? hits / actual.size : 0;
  const recall = hits / expected.size;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  const threshold = input.threshold ?? 1;
  const pass = f1 >= threshold !== input.inverse;
  const detail = `Expected: [${[...expected].sort().join(', ')}], Called: [${[...actual].sort().join(', ') || '(none)'}]`;
  return {
    pass,
    score: f1,
    reason: pass
      ? `Tool Call F1: ${f1.toFixed(3)}. ${detail}`
      : `Tool Call F1 score ${f1.toFixed(3)} is ${input.inverse ? 'above' : 'below'} threshold ${threshold}. ${detail}`,
  };
}
