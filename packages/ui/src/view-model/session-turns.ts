import type { Span, TraceDetail } from '@glassbox/core/model';
import { lastModelReply } from './trace-answer.js';

/** One turn of a conversation: a trace's question and answer, with its cost and outcome. */
export interface SessionTurn {
  traceId: string;
  startMs: number;
  durationMs: number;
  status: TraceDetail['trace']['status'];
  name?: string;
  user?: string;
  assistant?: string;
  models: string[];
  tokens: number;
  costUsd: number;
}

/**
 * The conversation of a session, oldest turn first. The question is the root span's input,
 * else the last user message the first model call saw; the answer is the root's output, else
 * the last model call's reply.
 *
 * @example
 * sessionTurns(session.traces).map((t) => [t.user, t.assistant]);
 */
export function sessionTurns(traces: readonly TraceDetail[]): SessionTurn[] {
  return [...traces]
    .sort((a, b) => a.trace.startMs - b.trace.startMs)
    .map(({ trace, spans }) => {
      const root = spans.find((s) => s.spanId === trace.rootSpanId) ?? spans[0];
      const llms = spans.filter((s) => s.kind === 'llm');
      const user = root?.input ?? lastUserMessage(llms[0]) ?? trace.input;
      const assistant = root?.output ?? lastModelReply(spans) ?? trace.output;
      return {
        traceId: trace.traceId,
        startMs: trace.startMs,
        durationMs: trace.durationMs,
        status: trace.status,
        ...(trace.rootName ? { name: trace.rootName } : {}),
        ...(user ? { user } : {}),
        ...(assistant ? { assistant } : {}),
        models: trace.models,
        tokens: trace.usage.total,
        costUsd: trace.costUsd,
      };
    });
}

function lastUserMessage(span: Span | undefined): string | undefined {
  const users = span?.inputMessages.filter((m) => m.role === 'user') ?? [];
  return users[users.length - 1]?.content ?? span?.input;
}
