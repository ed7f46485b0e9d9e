// Realistic LLM traces for the benchmarks: an agent answering a support question with
// retrieval, an embedding, one chat call carrying about 4 KB of prompt and output, and a tool.
import { randomBytes } from 'node:crypto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';

const WORDS = (
  'order refund shipping invoice account password delivery warranty return policy customer ' +
  'payment card subscription cancel upgrade plan billing address tracking package damaged ' +
  'replacement store credit exchange size color discount coupon loyalty points support agent ' +
  'escalate priority ticket status update confirm verify identity email phone number region ' +
  'europe express standard international customs duty tax receipt purchase date product model'
).split(' ');

export const MODELS = ['gpt-4o-mini', 'gpt-4o', 'claude-sonnet-4', 'llama-3.1-70b'];
const TOOLS = ['lookup_order', 'issue_refund', 'track_package', 'update_address'];

/** A deterministic pseudo-random generator, so runs are comparable. */
export function prng(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

/** Prose of about `chars` characters drawn from a support vocabulary. */
export function prose(random, chars) {
  const words = [];
  let length = 0;
  while (length < chars) {
    const word = WORDS[Math.floor(random() * WORDS.length)];
    words.push(word);
    length += word.length + 1;
  }
  return words.join(' ');
}

/** The attributes and shape of one five-span trace, independent of the wire encoding. */
export function llmTraceSpans(random, index, startMs = Date.now()) {
  const traceId = randomBytes(16).toString('hex');
  const ids = Array.from({ length: 5 }, () => randomBytes(8).toString('hex'));
  const session = `session-${Math.floor(index / 5)}`;
  const user = `user-${Math.floor(index / 20) % 5000}`;
  const model = MODELS[index % MODELS.length];
  const question = `${prose(random, 120)}?`;
  const docs = Array.from({ length: 5 }, (_, i) => ({
    id: `kb-${Math.floor(random() * 10000)}`,
    content: prose(random, 300),
    score: Number((0.9 - i * 0.07 - random() * 0.02).toFixed(4)),
  }));
  const system = `You are a support agent for an online store. ${prose(random, 600)}`;
  const context = docs.map((doc) => `[${doc.id}] ${doc.content}`).join('\n');
  const answer = prose(random, 900);
  const tool = TOOLS[index % TOOLS.length];
  const t = (offset) => startMs + offset;
  const common = { 'gen_ai.conversation.id': session, 'session.id': session, 'user.id': user };
  return [
    span(traceId, ids[0], undefined, 'invoke_agent support-agent', t(0), t(2400), {
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'support-agent',
      'input.value': question,
      'output.value': answer,
      'glassbox.version.agent': 'v12',
      'glassbox.version.prompt': 'support-v7',
      'glassbox.tags': ['support', 'web'],
      ...common,
    }),
    span(traceId, ids[1], ids[0], 'embeddings text-embedding-3-small', t(10), t(60), {
      'gen_ai.operation.name': 'embeddings',
      'gen_ai.request.model': 'text-embedding-3-small',
      'gen_ai.provider.name': 'openai',
      'gen_ai.usage.input_tokens': 32,
      ...common,
    }),
    span(traceId, ids[2], ids[0], 'retrieval kb', t(60), t(180), {
      'openinference.span.kind': 'RETRIEVER',
      'input.value': question,
      'gen_ai.data_source.id': 'kb-main',
      ...Object.fromEntries(
        docs.flatMap((doc, i) => [
          [`retrieval.documents.${i}.document.id`, doc.id],
          [`retrieval.documents.${i}.document.content`, doc.content],
          [`retrieval.documents.${i}.document.score`, doc.score],
        ]),
      ),
      ...common,
    }),
    span(traceId, ids[3], ids[0], `chat ${model}`, t(200), t(2100), {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': model.startsWith('claude') ? 'anthropic' : 'openai',
      'gen_ai.request.model': model,
      'gen_ai.response.model': `${model}-2025-01-01`,
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.max_tokens': 1024,
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 950 + Math.floor(random() * 100),
      'gen_ai.usage.output_tokens': 200 + Math.floor(random() * 50),
      'gen_ai.input.messages': JSON.stringify([
        { role: 'system', parts: [{ type: 'text', content: system }] },
        { role: 'user', parts: [{ type: 'text', content: `${question}\n\nContext:\n${context}` }] },
      ]),
      'gen_ai.output.messages': JSON.stringify([
        { role: 'assistant', parts: [{ type: 'text', content: answer }], finish_reason: 'stop' },
      ]),
      ...common,
    }),
    span(traceId, ids[4], ids[0], `execute_tool ${tool}`, t(2100), t(2350), {
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': tool,
      'gen_ai.tool.call.id': `call_${ids[4]}`,
      'gen_ai.tool.call.arguments': JSON.stringify({ order_id: `A-${index}`, reason: 'damaged' }),
      'gen_ai.tool.call.result': JSON.stringify({ ok: true, status: 'refund_pending' }),
      ...common,
    }),
  ];
}

function span(traceId, spanId, parentSpanId, name, startMs, endMs, attributes) {
  return { traceId, spanId, parentSpanId, name, startMs, endMs, attributes };
}

const RESOURCE = resourceFromAttributes({
  'service.name': 'support-bot',
  'service.version': '2.4.1',
  'deployment.environment': 'bench',
});
const SCOPE = { name: 'glassbox-bench', version: '1.0.0' };

/** Encodes traces as one OTLP ExportTraceServiceRequest in protobuf, as the JS exporter does. */
export function encodeOtlpProtobuf(traces) {
  const readable = traces.flat().map(toReadableSpan);
  return Buffer.from(ProtobufTraceSerializer.serializeRequest(readable));
}

function toReadableSpan(s) {
  const hr = (ms) => [Math.floor(ms / 1000), (ms % 1000) * 1e6];
  return {
    name: s.name,
    kind: s.parentSpanId ? 2 : 0,
    spanContext: () => ({ traceId: s.traceId, spanId: s.spanId, traceFlags: 1 }),
    parentSpanContext: s.parentSpanId
      ? { traceId: s.traceId, spanId: s.parentSpanId, traceFlags: 1 }
      : undefined,
    startTime: hr(s.startMs),
    endTime: hr(s.endMs),
    duration: hr(s.endMs - s.startMs),
    status: { code: 1 },
    attributes: s.attributes,
    links: [],
    events: [],
    ended: true,
    resource: RESOURCE,
    instrumentationScope: SCOPE,
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  };
}

/** A batch of `traces` fresh traces (new ids every call) encoded as OTLP protobuf. */
export function makeBatch(random, firstIndex, traces) {
  const list = Array.from({ length: traces }, (_, i) => llmTraceSpans(random, firstIndex + i));
  return { body: encodeOtlpProtobuf(list), spans: traces * 5 };
}
