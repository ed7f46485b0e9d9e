import { describe, expect, it } from 'vitest';
import type { Span } from '../model/index.js';
import { firstDivergence, replayTag, runSteps } from './replay-pairing.js';

let clock = 0;
const span = (kind: 'llm' | 'tool' | 'chain', name: string, extra: Partial<Span> = {}): Span => {
  clock += 10;
  return {
    projectId: 'default',
    traceId: 'a'.repeat(32),
    spanId: clock.toString(16).padStart(16, '0'),
    name,
    kind,
    startTimeUnixNano: '0',
    endTimeUnixNano: '0',
    startMs: clock,
    durationMs: 5,
    status: 'ok',
    parameters: {},
    inputMessages: [],
    outputMessages: [],
    usage: {},
    toolDefinitions: [],
    documents: [],
    tags: [],
    metadata: {},
    versions: {},
    resource: {},
    scope: { name: 'test' },
    attributes: {},
    events: [],
    ...extra,
  };
};
const llm = (question: string, answer: string) =>
  span('llm', 'chat', {
    inputMessages: [{ role: 'user', content: question }],
    outputMessages: [{ role: 'assistant', content: answer }],
  });
const tool = (args: string, result: string) =>
  span('tool', 'book_room', { tool: { name: 'book_room', arguments: args, result } });

describe('first divergence between a run and its replay', () => {
  const original = [
    span('chain', 'agent'),
    llm('Book a room', 'calling book_room'),
    tool('{"room":"A"}', 'booked A'),
    llm('booked A', 'Done: room A.'),
  ];

  it('finds none when every step asks and answers the same', () => {
    const replay = [
      span('chain', 'agent'),
      llm('Book a room', 'calling book_room'),
      tool('{"room":"A"}', 'booked  A'),
      llm('booked A', 'Done: room A.'),
    ];
    expect(firstDivergence(original, replay)).toBeNull();
    expect(runSteps(replay).map((s) => s.kind)).toEqual(['llm', 'tool', 'llm']);
  });

  it('names the first step whose answer differs, not a later one', () => {
    const replay = [
      llm('Book a room', 'calling book_room'),
      tool('{"room":"A"}', 'not executed in replay'),
      llm('not executed in replay', 'Sorry, I could not book.'),
    ];
    expect(firstDivergence(original, replay)).toEqual({
      step: 1,
      kind: 'output',
      originalSpanId: original[2]!.spanId,
      replaySpanId: replay[1]!.spanId,
    });
  });

  it('tells an input change from an output change, and a missing step', () => {
    const edited = [llm('Book a quiet room', 'calling book_room')];
    expect(firstDivergence(original, edited)).toMatchObject({ step: 0, kind: 'input' });
    const short = [llm('Book a room', 'calling book_room')];
    expect(firstDivergence(original, short)).toMatchObject({
      step: 1,
      kind: 'missing',
      replaySpanId: null,
    });
  });

  it('tags replays by the lower-case trace id', () => {
    expect(replayTag('ABCDEF')).toBe('replay-of:abcdef');
  });
});
