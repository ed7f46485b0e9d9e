import type { Finding } from '@glassbox/core/classify';
import type { Span } from '@glassbox/core/model';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DocumentsTab } from './documents-tab.js';
import { FindingsTab } from './findings-tab.js';
import { MessagesTab } from './messages-tab.js';
import { tabsFor } from './span-inspector.js';

// Component tests render to static HTML on Node: no DOM needed, effects do not run.

function span(overrides: Partial<Span>): Span {
  return {
    projectId: 'p',
    traceId: 't',
    spanId: 's1',
    name: 'span',
    kind: 'chain',
    startTimeUnixNano: '0',
    endTimeUnixNano: '0',
    startMs: 0,
    durationMs: 10,
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
    scope: { name: 's' },
    attributes: {},
    events: [],
    ...overrides,
  };
}

const finding: Finding = {
  category: 'tool_error',
  layer: 'tools',
  severity: 'error',
  spanIds: ['s1'],
  message: 'book_hotel failed with HTTP 503',
  evidence: { status: 503, tool: 'book_hotel', callStatus: null },
  remediation: 'Retry with backoff.',
};

describe('tabsFor', () => {
  it('offers only the tabs that apply to a span kind', () => {
    const ids = (s: Span, f: Finding[] = []) => tabsFor(s, f).map((t) => t.id);
    expect(ids(span({ kind: 'retriever' }))).toEqual([
      'output',
      'documents',
      'parameters',
      'versions',
      'findings',
      'attributes',
    ]);
    expect(ids(span({ kind: 'llm' }))).toContain('messages');
    expect(ids(span({ kind: 'tool' }))).toContain('tool');
    expect(ids(span({ kind: 'chain' }))).not.toContain('tool');
    expect(tabsFor(span({}), [finding]).find((t) => t.id === 'findings')?.label).toBe(
      'Findings (1)',
    );
  });
});

describe('DocumentsTab', () => {
  it('shows score, source and age, and marks the text the answer used', () => {
    const html = renderToStaticMarkup(
      createElement(DocumentsTab, {
        span: span({
          kind: 'retriever',
          documents: [
            {
              id: 'kb-1',
              score: 0.91234,
              source: 'https://kb/refunds',
              ingestedAtMs: Date.now() - 2 * 86_400_000 - 1000,
              content: 'Refunds are issued within 14 business days of the request.',
            },
          ],
        }),
        answer: 'They are issued within 14 business days.',
      }),
    );
    expect(html).toContain('score 0.9123');
    expect(html).toContain('https://kb/refunds');
    expect(html).toContain('ingested 2 d ago');
    expect(html).toContain('<mark>are issued within 14 business days</mark>');
  });

  it('explains an empty retrieval', () => {
    const html = renderToStaticMarkup(
      createElement(DocumentsTab, { span: span({ kind: 'retriever' }), answer: undefined }),
    );
    expect(html).toContain('No documents recorded');
  });
});

describe('MessagesTab', () => {
  it('puts the system prompt first and shows tool calls', () => {
    const html = renderToStaticMarkup(
      createElement(MessagesTab, {
        span: span({
          kind: 'llm',
          inputMessages: [
            { role: 'user', content: 'hello' },
            { role: 'system', content: 'be brief' },
            {
              role: 'assistant',
              content: '',
              toolCalls: [{ id: 'c1', name: 'lookup', arguments: '{"q":"x"}' }],
            },
          ],
        }),
      }),
    );
    expect(html.indexOf('be brief')).toBeLessThan(html.indexOf('hello'));
    expect(html).toContain('lookup');
    expect(html).toContain('&quot;q&quot;: &quot;x&quot;');
  });
});

describe('FindingsTab', () => {
  it('shows the message, evidence and remediation', () => {
    const html = renderToStaticMarkup(
      createElement(FindingsTab, { findings: [finding], traceFindingCount: 1 }),
    );
    expect(html).toContain('book_hotel failed with HTTP 503');
    expect(html).toContain('503');
    expect(html).toContain('Retry with backoff.');
    expect(html).toContain('tool error');
    expect(html).not.toContain('callStatus');
  });

  it('points to other spans when this one has none', () => {
    const html = renderToStaticMarkup(
      createElement(FindingsTab, { findings: [], traceFindingCount: 2 }),
    );
    expect(html).toContain('This trace has 2 findings on other spans');
  });
});
