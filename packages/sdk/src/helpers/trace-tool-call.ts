import type { Attributes, Span } from '@opentelemetry/api';
import { GLASSBOX_ATTRIBUTES } from '@glassbox/core/model';
import { activeReplay } from '../replay/active-replay.js';
import { activeSdk } from '../runtime/active-sdk.js';
import { runInSpan } from './run-in-span.js';

export interface ToolCallInput {
  name: string;
  /** The arguments: raw JSON text as the model produced it, or a value to serialize. */
  arguments?: unknown;
  /** The model's tool-call id this execution answers. */
  callId?: string;
  idempotencyKey?: string;
  /** The tool changes the world (payment, booking, email). */
  sideEffect?: boolean;
  description?: string;
}

/**
 * Traces a tool execution (`execute_tool`): name, arguments, result (the function's return
 * value, serialized), call id and idempotency key.
 *
 * @example
 * const booking = await traceToolCall(
 *   { name: 'book_flight', arguments: args, sideEffect: true, idempotencyKey: key },
 *   () => api.book(args),
 * );
 */
export function traceToolCall<T>(input: ToolCallInput, fn: (span: Span) => T): T {
  const { policy } = activeSdk();
  const replay = activeReplay();
  let run = fn;
  let served: 'recorded' | 'skipped' | undefined;
  if (replay?.blocksTool(input.name, input.sideEffect)) {
    // Replay never repeats a side effect: the recorded result stands in for the call.
    const args = input.arguments === undefined ? undefined : serialize(input.arguments);
    const skipped = replay.skipTool(input.name, args);
    served = skipped.recorded ? 'recorded' : 'skipped';
    run = () => skipped.result as T;
  }
  return runInSpan(
    {
      name: `execute_tool ${input.name}`,
      attributes: () => {
        const a: Attributes = {
          'gen_ai.operation.name': 'execute_tool',
          'gen_ai.tool.name': input.name,
          'tool.name': input.name,
          'openinference.span.kind': 'TOOL',
        };
        if (input.callId !== undefined) a['gen_ai.tool.call.id'] = input.callId;
        if (input.description !== undefined) a['gen_ai.tool.description'] = input.description;
        if (input.arguments !== undefined) {
          const args = policy(serialize(input.arguments), 'tool.arguments');
          a['gen_ai.tool.call.arguments'] = args;
          a['input.value'] = args;
        }
        if (input.idempotencyKey !== undefined)
          a[GLASSBOX_ATTRIBUTES.toolIdempotencyKey] = input.idempotencyKey;
        if (input.sideEffect !== undefined)
          a[GLASSBOX_ATTRIBUTES.toolSideEffect] = input.sideEffect;
        if (served) a[GLASSBOX_ATTRIBUTES.replayServed] = served;
        return a;
      },
      onResult: (result): Attributes => {
        if (result === undefined) return {};
        const recorded = policy(serialize(result), 'tool.result');
        return { 'gen_ai.tool.call.result': recorded, 'output.value': recorded };
      },
    },
    run,
  );
}

/** Strings stay as they are (raw model JSON must not be re-encoded); other values become JSON. */
export function serialize(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
