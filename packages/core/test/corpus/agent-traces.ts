import { GLASSBOX_ATTRIBUTES } from '../../src/model/glassbox-attributes.js';
import type { Span, ToolDefinition } from '../../src/model/span.js';
import type { LabelledTrace } from './labelled-trace.js';
import { llmSpan, makeSpan, rootSpan, T0, toolSpan } from './span-factory.js';

const BOOK_FLIGHT: ToolDefinition = {
  name: 'book_flight',
  parameters: {
    type: 'object',
    properties: {
      flight: { type: 'string' },
      date: { type: 'string' },
      cabin: { type: 'string', enum: ['economy', 'premium', 'business'] },
      passengers: {
        type: 'array',
        items: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
      },
    },
    required: ['flight', 'date'],
    additionalProperties: false,
  },
};
const SEARCH: ToolDefinition = {
  name: 'search_flights',
  parameters: {
    type: 'object',
    properties: { from: { type: 'string' }, to: { type: 'string' } },
    required: ['from', 'to'],
  },
};
const TOOLS = [BOOK_FLIGHT, SEARCH];

function toolCallLlm(
  id: string,
  at: number,
  name: string,
  args: string,
  defs: ToolDefinition[] = TOOLS,
): Span {
  return llmSpan(id, 'Book me the morning flight to Lisbon on 12 July.', '', {
    startMs: at,
    toolDefinitions: defs,
    outputMessages: [
      { role: 'assistant', content: '', toolCalls: [{ id: `call-${id}`, name, arguments: args }] },
    ],
    finishReason: 'tool_calls',
  });
}
const answer = (id: string, at: number, text: string): Span =>
  llmSpan(id, 'Book me the morning flight to Lisbon on 12 July.', text, { startMs: at });
const sideEffect = { [GLASSBOX_ATTRIBUTES.toolSideEffect]: true };
const BOOK_ARGS = '{"flight":"NW123","date":"2025-07-12","cabin":"economy"}';

function agent(id: string, name: string, at: number): Span {
  return makeSpan({
    spanId: id,
    name: `invoke_agent ${name}`,
    kind: 'agent',
    agentName: name,
    startMs: at,
    durationMs: 400,
    parentSpanId: 'root',
  });
}

function trace(
  name: string,
  spans: Span[],
  expected: LabelledTrace['expected'],
  layer?: LabelledTrace['layer'],
  sessionSpans?: Span[],
): LabelledTrace {
  return {
    name,
    spans: [rootSpan('Book me the morning flight to Lisbon on 12 July.', 'done'), ...spans],
    expected,
    layer,
    sessionSpans,
  };
}

const loopSpans = (n: number): Span[] =>
  Array.from({ length: n }, (_, i) => [
    toolCallLlm(`l${i}`, T0 + i * 1000, 'search_flights', '{"from":"OPO","to":"LIS"}'),
    toolSpan(`s${i}`, 'search_flights', `{"to":"LIS","from":"OPO"}`, '[]', {
      startMs: T0 + i * 1000 + 500,
    }),
  ]).flat();

/** Agent traces: loops, ping-pong, step limits, bad tool arguments, tool errors, duplicate bookings. */
export const AGENT_TRACES: LabelledTrace[] = [
  trace(
    'agent clean booking',
    [
      toolCallLlm('a1', T0, 'book_flight', BOOK_ARGS),
      toolSpan('t1', 'book_flight', BOOK_ARGS, '{"pnr":"X7K2QP"}', {
        startMs: T0 + 900,
        attributes: sideEffect,
      }),
      answer(
        'a2',
        T0 + 1500,
        'Booked NW123 on 12 July, economy. Your booking reference is X7K2QP.',
      ),
    ],
    [],
  ),
  trace(
    'agent clean search then book',
    [
      toolCallLlm('a1', T0, 'search_flights', '{"from":"OPO","to":"LIS"}'),
      toolSpan('t1', 'search_flights', '{"from":"OPO","to":"LIS"}', '[{"flight":"NW123"}]', {
        startMs: T0 + 600,
      }),
      toolCallLlm('a2', T0 + 1200, 'book_flight', BOOK_ARGS),
      toolSpan('t2', 'book_flight', BOOK_ARGS, '{"pnr":"Q1"}', {
        startMs: T0 + 1800,
        attributes: sideEffect,
      }),
      answer('a3', T0 + 2500, 'Done, you are booked on NW123.'),
    ],
    [],
  ),
  trace(
    'agent clean two different bookings',
    [
      toolSpan('t1', 'book_flight', BOOK_ARGS, '{"pnr":"A1"}', { attributes: sideEffect }),
      toolSpan(
        't2',
        'book_flight',
        '{"flight":"NW124","date":"2025-07-19","cabin":"economy"}',
        '{"pnr":"A2"}',
        { startMs: T0 + 900, attributes: sideEffect },
      ),
    ],
    [],
  ),
  trace(
    'agent clean supervisor',
    [
      agent('g1', 'supervisor', T0),
      agent('g2', 'researcher', T0 + 10),
      agent('g3', 'writer', T0 + 500),
    ],
    [],
  ),
  trace(
    'agent clean revise once',
    [
      agent('g1', 'researcher', T0),
      agent('g2', 'writer', T0 + 500),
      agent('g3', 'researcher', T0 + 1000),
    ],
    [],
  ),
  trace('agent search loop', loopSpans(3), ['tool_loop'], 'tools'),
  trace('agent loop until step limit', loopSpans(25), ['tool_loop', 'step_limit_reached'], 'tools'),
  trace(
    'agent recursion limit error',
    [
      toolCallLlm('a1', T0, 'search_flights', '{"from":"OPO","to":"LIS"}'),
      toolCallLlm('a2', T0 + 1000, 'search_flights', '{"from":"OPO","to":"FAO"}'),
      makeSpan({
        spanId: 'g1',
        kind: 'agent',
        name: 'langgraph',
        status: 'error',
        statusMessage:
          'GraphRecursionError: Recursion limit of 25 reached without hitting a stop condition.',
        startMs: T0,
        durationMs: 4000,
        parentSpanId: 'root',
      }),
    ],
    ['step_limit_reached'],
    'tools',
  ),
  trace(
    'agent ping-pong',
    [
      agent('g1', 'triage', T0),
      agent('g2', 'billing', T0 + 500),
      agent('g3', 'triage', T0 + 1000),
      agent('g4', 'billing', T0 + 1500),
      agent('g5', 'triage', T0 + 2000),
    ],
    ['agent_ping_pong'],
    'tools',
  ),
  trace(
    'agent missing required argument',
    [toolCallLlm('a1', T0, 'book_flight', '{"flight":"NW123"}')],
    ['invalid_tool_arguments'],
    'tools',
  ),
  trace(
    'agent enum and extra property',
    [
      toolCallLlm(
        'a1',
        T0,
        'book_flight',
        '{"flight":"NW123","date":"2025-07-12","cabin":"luxury","seat":"1A"}',
      ),
    ],
    ['invalid_tool_arguments'],
    'tools',
  ),
  trace(
    'agent nested item invalid',
    [
      toolCallLlm(
        'a1',
        T0,
        'book_flight',
        '{"flight":"NW123","date":"2025-07-12","passengers":[{"age":4}]}',
      ),
    ],
    ['invalid_tool_arguments'],
    'tools',
  ),
  trace(
    'agent arguments not json',
    [toolCallLlm('a1', T0, 'search_flights', '{"from": "OPO", "to": "LIS"')],
    ['invalid_tool_arguments'],
    'tools',
  ),
  trace(
    'agent unknown tool',
    [toolCallLlm('a1', T0, 'cancel_all_bookings', '{}')],
    ['invalid_tool_arguments'],
    'tools',
  ),
  trace(
    'agent tool failed',
    [
      toolSpan('t1', 'lookup_booking', '{"pnr":"X1Y2"}', '', {
        status: 'error',
        statusMessage: 'BookingNotFound: no booking with PNR X1Y2',
      }),
    ],
    ['tool_error'],
    'tools',
  ),
  trace(
    'agent tool error result',
    [toolSpan('t1', 'lookup_booking', '{"pnr":"X1Y2"}', '{"error":"invalid PNR format"}')],
    ['tool_error'],
    'tools',
  ),
  trace(
    'booking duplicated after timeout retry',
    [
      toolSpan('t1', 'book_flight', BOOK_ARGS, '', {
        status: 'error',
        statusMessage: 'Request timed out after 30000 ms',
        durationMs: 30000,
        attributes: { ...sideEffect, [GLASSBOX_ATTRIBUTES.callStatus]: 'timeout' },
      }),
      toolSpan('t2', 'book_flight', BOOK_ARGS, '{"pnr":"Z9"}', {
        startMs: T0 + 31000,
        attributes: sideEffect,
      }),
    ],
    ['timeout', 'duplicate_side_effect'],
    'tools',
  ),
  trace(
    'booking retried with idempotency key',
    [
      toolSpan('t1', 'book_flight', BOOK_ARGS, '', {
        status: 'error',
        statusMessage: 'ETIMEDOUT',
        durationMs: 30000,
        tool: { name: 'book_flight', arguments: BOOK_ARGS, idempotencyKey: 'k-77' },
        attributes: sideEffect,
      }),
      toolSpan('t2', 'book_flight', BOOK_ARGS, '{"pnr":"Z9"}', {
        startMs: T0 + 31000,
        tool: { name: 'book_flight', arguments: BOOK_ARGS, idempotencyKey: 'k-77' },
        attributes: sideEffect,
      }),
    ],
    ['timeout'],
    'infrastructure',
  ),
  trace(
    'booking repeated across the session',
    [toolSpan('t2', 'book_hotel', '{"hotel":"H-88","nights":2}', '{"ref":"H2"}')],
    ['duplicate_side_effect'],
    'tools',
    [
      makeSpan({
        spanId: 'old-t1',
        traceId: 't0',
        kind: 'tool',
        name: 'execute_tool book_hotel',
        tool: {
          name: 'book_hotel',
          arguments: '{"nights":2,"hotel":"H-88"}',
          result: '{"ref":"H1"}',
        },
        startMs: T0 - 600_000,
      }),
    ],
  ),
  trace(
    'email sent twice',
    [
      toolSpan('t1', 'send_email', '{"to":"ana@example.com","template":"confirmation"}', 'ok'),
      toolSpan('t2', 'send_email', '{"to":"ana@example.com","template":"confirmation"}', 'ok', {
        startMs: T0 + 800,
      }),
    ],
    ['duplicate_side_effect'],
    'tools',
  ),
  trace(
    'routing to the wrong tool',
    [
      toolCallLlm('a1', T0, 'search_flights', '{"from":"OPO","to":"LIS"}'),
      toolSpan('t1', 'search_flights', '{"from":"OPO","to":"LIS"}', '[]', {
        startMs: T0 + 500,
        metadata: { expected_tool: 'lookup_booking' },
      }),
    ],
    ['routing_mismatch'],
    'routing',
  ),
  trace(
    'routing to the wrong agent',
    [
      makeSpan({
        spanId: 'g0',
        kind: 'agent',
        agentName: 'triage',
        name: 'triage',
        metadata: { expected_agent: 'billing' },
        parentSpanId: 'root',
      }),
      agent('g1', 'support', T0 + 300),
    ],
    ['routing_mismatch'],
    'routing',
  ),
];
