import type { Message, Span, ToolCall } from '../model/index.js';

/** One recorded model call: what it was asked (for matching) and what it answered. */
export interface RecordedModelCall {
  spanId: string;
  /** The call's input, reduced to what must match for the recording to be served. */
  inputKey: string;
  model: string;
  content: string;
  toolCalls: ToolCall[];
  finishReason: string;
  usage: { input: number; output: number };
}

/** One recorded tool execution, for tools that must not run again. */
export interface RecordedToolCall {
  spanId: string;
  name: string;
  arguments?: string;
  result?: string;
}

/**
 * What a whole-run replay serves: the original run's model calls in order (served while the
 * replayed program asks exactly the same), and its tool results (returned instead of running
 * side-effecting tools again).
 */
export interface ReplayRecording {
  traceId: string;
  modelCalls: RecordedModelCall[];
  toolCalls: RecordedToolCall[];
}

/**
 * The part of a model call's input that decides whether the recording answers it: each
 * message's role and text (tool-call ids are left out: they are the recording's own and
 * differ between providers), with whitespace collapsed.
 *
 * @example
 * modelInputKey([{ role: 'user', content: 'Hi  there' }]); // '[["user","Hi there"]]'
 */
export function modelInputKey(messages: readonly Message[]): string {
  return JSON.stringify(
    messages.map((m) => [
      m.role,
      m.content.replace(/\s+/g, ' ').trim(),
      ...(m.toolCalls ?? []).map((c) => `${c.name}(${c.arguments})`),
    ]),
  );
}

/**
 * Builds the recording of a stored trace: its LLM spans in start order (with captured
 * messages; spans without them cannot be served and are skipped) and its tool spans.
 *
 * @example
 * const recording = replayRecording(trace.spans);
 */
export function replayRecording(spans: readonly Span[]): ReplayRecording {
  const ordered = [...spans].sort((a, b) => a.startMs - b.startMs);
  const traceId = ordered[0]?.traceId ?? '';
  const modelCalls = ordered
    .filter((s) => s.kind === 'llm' && s.inputMessages.length > 0)
    .map((s): RecordedModelCall => {
      const answer = s.outputMessages.find((m) => m.role === 'assistant') ?? s.outputMessages[0];
      return {
        spanId: s.spanId,
        inputKey: modelInputKey(s.inputMessages),
        model: s.responseModel ?? s.requestModel ?? 'unknown',
        content: answer?.content ?? s.output ?? '',
        toolCalls: answer?.toolCalls ?? [],
        finishReason:
          s.finishReason ?? ((answer?.toolCalls?.length ?? 0) > 0 ? 'tool_calls' : 'stop'),
        usage: { input: s.usage.input ?? 0, output: s.usage.output ?? 0 },
      };
    });
  const toolCalls = ordered
    .filter((s) => s.kind === 'tool')
    .map((s): RecordedToolCall => {
      const call: RecordedToolCall = { spanId: s.spanId, name: s.tool?.name ?? s.name };
      if (s.tool?.arguments !== undefined) call.arguments = s.tool.arguments;
      if (s.tool?.result !== undefined) call.result = s.tool.result;
      return call;
    });
  return { traceId, modelCalls, toolCalls };
}
