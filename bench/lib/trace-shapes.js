// The trace shapes of the ingest matrix. Each shape builds a few OTLP protobuf request
// templates once; every request sent is a copy of one with fresh trace ids written over the
// template's (same length, same positions), so the load process spends its CPU on sending,
// not on encoding, and every request still carries new traces.
import { randomBytes } from 'node:crypto';
import { encodeOtlpProtobuf, llmTraceSpans, MODELS, prose } from './llm-trace.js';

const TEMPLATES_PER_SHAPE = 4;
const TOOLS = ['lookup_order', 'issue_refund', 'track_package', 'update_address', 'search_kb'];

function hex(bytes) {
  return randomBytes(bytes).toString('hex');
}

function span(traceId, parentSpanId, name, startMs, endMs, attributes) {
  return { traceId, spanId: hex(8), parentSpanId, name, startMs, endMs, attributes };
}

/** Shape 1: one OpenInference LLM span of about 4.6 KB, 997 sessions, 313 users. */
function openInferenceLlmTrace(random, index, startMs) {
  const traceId = hex(16);
  const model = MODELS[index % MODELS.length];
  const system = `You are a support agent for an online store. ${prose(random, 1100)}`;
  const question = `${prose(random, 400)}?`;
  const answer = prose(random, 950);
  return [
    span(traceId, undefined, 'ChatCompletion', startMs, startMs + 900 + (index % 700), {
      'openinference.span.kind': 'LLM',
      'llm.system': 'openai',
      'llm.provider': 'openai',
      'llm.model_name': model,
      'llm.invocation_parameters': JSON.stringify({ temperature: 0.3, max_tokens: 1024 }),
      'llm.input_messages.0.message.role': 'system',
      'llm.input_messages.0.message.content': system,
      'llm.input_messages.1.message.role': 'user',
      'llm.input_messages.1.message.content': question,
      'llm.output_messages.0.message.role': 'assistant',
      'llm.output_messages.0.message.content': answer,
      'llm.token_count.prompt': 420 + Math.floor(random() * 80),
      'llm.token_count.completion': 230 + Math.floor(random() * 60),
      'llm.token_count.total': 700,
      'input.value': question,
      'input.mime_type': 'text/plain',
      'output.value': answer,
      'output.mime_type': 'text/plain',
      'session.id': `session-${index % 997}`,
      'user.id': `user-${index % 313}`,
    }),
  ];
}

/** Shape 3: an agent with three nested sub-agents, each looping 16 times over a chat call and a tool. */
function agentTrace(random, index, startMs) {
  const traceId = hex(16);
  const session = `agent-session-${index % 211}`;
  const common = { 'session.id': session, 'user.id': `user-${index % 313}` };
  const root = span(traceId, undefined, 'invoke_agent planner', startMs, startMs + 60_000, {
    'gen_ai.operation.name': 'invoke_agent',
    'gen_ai.agent.name': 'planner',
    'input.value': `${prose(random, 200)}?`,
    'output.value': prose(random, 300),
    ...common,
  });
  const spans = [root];
  let t = startMs + 10;
  for (let a = 0; a < 3; a++) {
    const agentName = ['researcher', 'booker', 'verifier'][a];
    const agent = span(traceId, root.spanId, `invoke_agent ${agentName}`, t, t + 19_000, {
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': agentName,
      ...common,
    });
    spans.push(agent);
    for (let step = 0; step < 16; step++) {
      const model = MODELS[(index + step) % MODELS.length];
      const tool = TOOLS[(index + a + step) % TOOLS.length];
      spans.push(
        span(traceId, agent.spanId, `chat ${model}`, t, t + 800, {
          'gen_ai.operation.name': 'chat',
          'gen_ai.provider.name': 'openai',
          'gen_ai.request.model': model,
          'gen_ai.usage.input_tokens': 300 + step * 20,
          'gen_ai.usage.output_tokens': 40,
          'gen_ai.input.messages': JSON.stringify([
            { role: 'user', parts: [{ type: 'text', content: prose(random, 300) }] },
          ]),
          'gen_ai.output.messages': JSON.stringify([
            {
              role: 'assistant',
              parts: [{ type: 'tool_call', name: tool, arguments: { step } }],
              finish_reason: 'tool_call',
            },
          ]),
          ...common,
        }),
      );
      spans.push(
        span(traceId, agent.spanId, `execute_tool ${tool}`, t + 800, t + 1100, {
          'gen_ai.operation.name': 'execute_tool',
          'gen_ai.tool.name': tool,
          'gen_ai.tool.call.id': `call_${index}_${a}_${step}`,
          'gen_ai.tool.call.arguments': JSON.stringify({ query: `q-${index}-${a}-${step}` }),
          'gen_ai.tool.call.result': JSON.stringify({ ok: true, rows: step % 4 }),
          ...common,
        }),
      );
      t += 1150;
    }
  }
  return spans;
}

/** Shape 5: HTTP and tool spans of about 300 bytes with few attributes, ten per trace. */
function smallSpanTrace(random, index, startMs) {
  const traceId = hex(16);
  const root = span(traceId, undefined, 'POST /api/chat', startMs, startMs + 400, {
    'http.request.method': 'POST',
    'http.route': '/api/chat',
    'http.response.status_code': 200,
  });
  const spans = [root];
  for (let i = 0; i < 9; i++) {
    const at = startMs + 10 + i * 40;
    spans.push(
      i % 3 === 2
        ? span(traceId, root.spanId, `execute_tool ${TOOLS[i % TOOLS.length]}`, at, at + 30, {
            'gen_ai.operation.name': 'execute_tool',
            'gen_ai.tool.name': TOOLS[i % TOOLS.length],
            'gen_ai.tool.call.id': `call_${index}_${i}`,
            'gen_ai.tool.call.arguments': JSON.stringify({ sku: `SKU-${index % 9973}` }),
          })
        : span(traceId, root.spanId, 'GET', at, at + 25, {
            'http.request.method': 'GET',
            'url.full': `https://inventory.internal/items/${Math.floor(random() * 1e6)}`,
            'server.address': 'inventory.internal',
            'network.protocol.version': '1.1',
            'http.response.status_code': 200,
          }),
    );
  }
  return spans;
}

/** Shape 4's large trace: a root, 99 sub-agents, 100 tool or HTTP spans under each. */
function largeTrace(random, startMs) {
  const traceId = hex(16);
  const root = span(traceId, undefined, 'invoke_agent batch-runner', startMs, startMs + 600_000, {
    'gen_ai.operation.name': 'invoke_agent',
    'gen_ai.agent.name': 'batch-runner',
    'session.id': 'large-trace-session',
  });
  const spans = [root];
  for (let a = 0; a < 99; a++) {
    const at = startMs + a * 6000;
    const agent = span(traceId, root.spanId, `invoke_agent worker-${a}`, at, at + 5900, {
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': `worker-${a % 7}`,
    });
    spans.push(agent);
    for (let i = 0; i < 100; i++) {
      const t = at + i * 55;
      spans.push(
        i % 2 === 0
          ? span(traceId, agent.spanId, `execute_tool ${TOOLS[i % TOOLS.length]}`, t, t + 50, {
              'gen_ai.operation.name': 'execute_tool',
              'gen_ai.tool.name': TOOLS[i % TOOLS.length],
              'gen_ai.tool.call.id': `call_${a}_${i}`,
              'gen_ai.tool.call.arguments': JSON.stringify({ item: Math.floor(random() * 1e5) }),
            })
          : span(traceId, agent.spanId, 'GET', t, t + 45, {
              'http.request.method': 'GET',
              'url.full': `https://inventory.internal/items/${Math.floor(random() * 1e6)}`,
              'http.response.status_code': 200,
            }),
      );
    }
  }
  return spans;
}

/**
 * A request template: the encoded body, where each of its traces' ids sits in it, and its
 * span rows for the plain-insert reference.
 */
function template(traces) {
  const body = encodeOtlpProtobuf(traces);
  const traceOffsets = traces.map((spans) => {
    const id = Buffer.from(spans[0].traceId, 'hex');
    const offsets = [];
    for (let at = body.indexOf(id); at !== -1; at = body.indexOf(id, at + 1)) offsets.push(at);
    if (offsets.length !== spans.length)
      throw new Error(`trace id found ${offsets.length} times for ${spans.length} spans`);
    return offsets;
  });
  const rows = traces
    .flat()
    .map((s) => ({ spanId: s.spanId, attributes: JSON.stringify(s.attributes) }));
  return { body, traceOffsets, spans: rows.length, rows };
}

function templates(random, tracesPerRequest, build) {
  const now = Date.now();
  let index = 0;
  return Array.from({ length: TEMPLATES_PER_SHAPE }, () =>
    template(
      Array.from({ length: tracesPerRequest }, () => {
        const i = index++;
        return build(random, i, now - 60_000 + i * 10);
      }),
    ),
  );
}

/** The shapes of the matrix, by name: what each request carries and how templates are built. */
export const SHAPES = {
  'llm-1span': {
    label: '1. one-span OpenInference LLM traces (~4.6 KB), 200 per request',
    build: (random) => templates(random, 200, openInferenceLlmTrace),
  },
  'rag-5span': {
    label: '2. five-span RAG traces, 20 per request',
    build: (random) => templates(random, 20, (r, i, t) => llmTraceSpans(r, i, t)),
  },
  'agent-100span': {
    label: '3. 100-span agent traces (nested agents, tool loops), 2 per request',
    build: (random) => templates(random, 2, agentTrace),
  },
  'large-trace': {
    label: '4. one 10,000-span trace in 50 requests, beside five-span RAG traffic',
    build: (random) => templates(random, 20, (r, i, t) => llmTraceSpans(r, i, t)),
    /** The 50 parts of the large trace, each 200 spans, as templates sharing one trace id. */
    buildLarge(random) {
      const spans = largeTrace(random, Date.now() - 600_000);
      const parts = [];
      for (let i = 0; i < spans.length; i += 200) parts.push(template([spans.slice(i, i + 200)]));
      return parts;
    },
  },
  'small-300b': {
    label: '5. small spans (~300 bytes: HTTP and tool), 50 ten-span traces per request',
    build: (random) => templates(random, 50, smallSpanTrace),
  },
};

export const SHAPE_NAMES = Object.keys(SHAPES);

/**
 * A copy of `t`'s body with fresh trace ids: `nextId()` gives 16 bytes per trace, or
 * `sharedId` replaces every trace id (the parts of one large trace).
 */
export function freshBody(t, nextId, sharedId) {
  const body = Buffer.allocUnsafe(t.body.length);
  t.body.copy(body);
  for (const offsets of t.traceOffsets) {
    const id = sharedId ?? nextId();
    for (const at of offsets) id.copy(body, at);
  }
  return body;
}

/** 16-byte trace ids unique to this process: a random prefix and a counter. */
export function traceIdSource() {
  const prefix = randomBytes(10);
  let counter = 0;
  return () => {
    const id = Buffer.alloc(16);
    prefix.copy(id, 0);
    id.writeUIntBE(counter++, 10, 6);
    return id;
  };
}
