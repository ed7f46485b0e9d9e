import type { Span } from '@glassbox/core/model';

/** A one-span request (root LLM call) at `startMs`, failed when `error`; ids from `n`. */
export function requestSpan(
  n: number,
  startMs: number,
  options: { error?: boolean; projectId?: string } = {},
): Span {
  const durationMs = 400;
  return {
    projectId: options.projectId ?? 'default',
    traceId: n.toString(16).padStart(32, '0'),
    spanId: n.toString(16).padStart(16, '0'),
    name: 'chat',
    kind: 'llm',
    startTimeUnixNano: `${BigInt(startMs) * 1_000_000n}`,
    endTimeUnixNano: `${BigInt(startMs + durationMs) * 1_000_000n}`,
    startMs,
    durationMs,
    status: options.error ? 'error' : 'ok',
    ...(options.error ? { statusMessage: 'upstream failed' } : {}),
    responseModel: 'gpt-4o-2024-08-06',
    parameters: { temperature: 0.2 },
    inputMessages: [{ role: 'user', content: `question ${n}` }],
    outputMessages: [
      { role: 'assistant', content: options.error ? '' : `A complete answer to question ${n}.` },
    ],
    usage: { input: 100, output: 20 },
    toolDefinitions: [],
    documents: [],
    tags: [],
    metadata: {},
    versions: {},
    resource: {},
    scope: { name: 'test' },
    attributes: {},
    events: [],
  };
}
