import type { Span } from '@glassbox/core/model';
import { describe, expect, it } from 'vitest';
import { matchSegments, matchSnippet, traceMatches } from './text-match.js';

const span = (fields: Partial<Span>): Span =>
  ({
    spanId: 's1',
    name: 'chat',
    inputMessages: [],
    outputMessages: [],
    documents: [],
    ...fields,
  }) as Span;

describe('matchSegments', () => {
  it('marks every occurrence, case-insensitively, keeping the original case', () => {
    expect(matchSegments('Refund or refund', 'REFUND')).toEqual([
      { text: 'Refund', match: true },
      { text: ' or ', match: false },
      { text: 'refund', match: true },
    ]);
  });

  it('marks nothing for an empty needle or a miss', () => {
    expect(matchSegments('abc', '  ')).toEqual([{ text: 'abc', match: false }]);
    expect(matchSegments('abc', 'x')).toEqual([{ text: 'abc', match: false }]);
  });
});

describe('matchSnippet', () => {
  it('cuts context around the first match and says where it cut', () => {
    expect(matchSnippet('Please refund my order from May', 'refund', 7)).toEqual([
      { text: 'Please ', match: false },
      { text: 'refund', match: true },
      { text: ' my ord…', match: false },
    ]);
    expect(matchSnippet('a long preamble then refund', 'refund', 5)?.[0]).toEqual({
      text: '…then ',
      match: false,
    });
  });

  it('is undefined when the text lacks the needle', () => {
    expect(matchSnippet('nothing here', 'refund')).toBeUndefined();
    expect(matchSnippet(undefined, 'refund')).toBeUndefined();
  });
});

describe('traceMatches', () => {
  const trace = { input: 'Can I get a refund?', output: 'Refunds take 14 days.' };
  const spans = [
    span({
      spanId: 'llm',
      name: 'llm',
      inputMessages: [{ role: 'system', content: 'Explain the refund policy.' }],
    }),
    span({ spanId: 'ret', name: 'retrieve', documents: [{ id: 'kb-1', content: 'refund rules' }] }),
  ];

  it('looks at the question and the answer only for io', () => {
    expect(traceMatches(trace, spans, 'refund', 'io').map((m) => m.where)).toEqual([
      'question',
      'answer',
    ]);
    expect(traceMatches(trace, spans, 'refund', 'input').map((m) => m.where)).toEqual(['question']);
    expect(traceMatches(trace, spans, 'refund', 'output').map((m) => m.where)).toEqual(['answer']);
  });

  it('finds system prompts and documents, with their span, only for all', () => {
    const all = traceMatches(trace, spans, 'refund', 'all');
    expect(all.map((m) => [m.where, m.spanId])).toEqual([
      ['llm · system message', 'llm'],
      ['retrieve · document kb-1', 'ret'],
    ]);
  });
});
