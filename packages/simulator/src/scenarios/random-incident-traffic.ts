import type { Attributes, OtlpSpan } from '@glassbox/core/model';
import { refusal } from '../text/refusal.js';
import { seededRandom, type Random } from '../util/seeded-random.js';
import {
  profileKey,
  requestTimes,
  type RandomIncident,
  type SegmentProfile,
  type SpanConvention,
} from './random-incidents.js';

/** One simulated request: what happened, and its spans as an exporter would send them. */
export interface RandomRequest {
  index: number;
  eventMs: number;
  /** The request's value of the stream's segment attribute. */
  segment: string;
  refusal: boolean;
  error: boolean;
  toolCall: boolean;
  escalation: boolean;
  latencyMs: number;
  inputTokens: number;
  outputTokens: number;
  spans: OtlpSpan[];
}

const WORDS = (
  'order refund shipping invoice account password delivery warranty return policy payment ' +
  'card subscription plan billing address tracking package replacement credit exchange ' +
  'dose symptom appointment clinic insurance claim ticket status region express customs'
).split(' ');
/** Answers are cut to this many words: answer length is carried by the token counts. */
const ANSWER_WORDS = 60;
const DATE_SUFFIX = /-\d{4}-\d\d-\d\d$/;
const TOOLS = ['lookup_order', 'search_kb', 'check_policy', 'book_appointment'];

function words(r: Random, count: number): string {
  return Array.from({ length: count }, () => r.pick(WORDS)).join(' ');
}

/** A log-normal draw around `median` (spread sigma), at least 1. */
function logNormal(r: Random, median: number, sigma: number): number {
  const u = Math.max(r.next(), 1e-12);
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.next());
  return Math.max(1, Math.round(median * Math.exp(sigma * z)));
}

function segmentOf(s: RandomIncident, r: Random): RandomIncident['segments'][number] {
  let u = r.next();
  for (const segment of s.segments) {
    u -= segment.share;
    if (u < 0) return segment;
  }
  return s.segments.at(-1) as RandomIncident['segments'][number];
}

/** The profile a request is drawn from: the affected segment's changes at the onset. */
function profileAt(s: RandomIncident, segment: string, index: number, base: SegmentProfile) {
  const incident = s.incident;
  if (!incident || index < s.onsetIndex || segment !== incident.segment) return base;
  return { ...base, [profileKey(incident.metric)]: incident.after };
}

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

interface SpanDraft {
  name: string;
  startMs: number;
  endMs: number;
  parent?: number;
  otelKind?: number;
  error?: boolean;
  attributes: Attributes;
}

/** Root, LLM, tool and hand-off spans in one convention's attribute names. */
interface ConventionWriter {
  root(attribute: string, value: string, question: string, answer: string): Attributes;
  llm(c: LlmCall): Attributes;
  tool(name: string, args: string, result: string): Attributes;
  handoff(): Attributes;
}

interface LlmCall {
  requestModel: string;
  responseModel: string;
  question: string;
  answer: string;
  inputTokens: number;
  outputTokens: number;
  error: boolean;
}

const otelGenAi: ConventionWriter = {
  root: (attribute, value) => ({ 'gen_ai.operation.name': 'invoke_agent', [attribute]: value }),
  llm: (c) => ({
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': 'openai',
    'gen_ai.request.model': c.requestModel,
    'gen_ai.response.model': c.responseModel,
    'gen_ai.usage.input_tokens': c.inputTokens,
    'gen_ai.usage.output_tokens': c.outputTokens,
    'gen_ai.input.messages': JSON.stringify([
      { role: 'user', parts: [{ type: 'text', content: c.question }] },
    ]),
    ...(c.error
      ? { 'error.type': '500' }
      : {
          'gen_ai.response.finish_reasons': ['stop'],
          'gen_ai.output.messages': JSON.stringify([
            {
              role: 'assistant',
              parts: [{ type: 'text', content: c.answer }],
              finish_reason: 'stop',
            },
          ]),
        }),
  }),
  tool: (name, args, result) => ({
    'gen_ai.operation.name': 'execute_tool',
    'gen_ai.tool.name': name,
    'gen_ai.tool.call.arguments': args,
    'gen_ai.tool.call.result': result,
  }),
  handoff: () => ({ 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'human' }),
};

const openInference: ConventionWriter = {
  root: (attribute, value, question, answer) => ({
    'openinference.span.kind': 'CHAIN',
    'input.value': question,
    'output.value': answer,
    metadata: JSON.stringify({ [attribute]: value }),
  }),
  llm: (c) => ({
    'openinference.span.kind': 'LLM',
    'llm.system': 'openai',
    'llm.provider': 'openai',
    'llm.model_name': c.responseModel,
    'llm.invocation_parameters': JSON.stringify({ model: c.requestModel }),
    'llm.input_messages.0.message.role': 'user',
    'llm.input_messages.0.message.content': c.question,
    'llm.token_count.prompt': c.inputTokens,
    'llm.token_count.completion': c.outputTokens,
    ...(c.error
      ? {}
      : {
          'llm.output_messages.0.message.role': 'assistant',
          'llm.output_messages.0.message.content': c.answer,
        }),
  }),
  tool: (name, args, result) => ({
    'openinference.span.kind': 'TOOL',
    'tool.name': name,
    'input.value': args,
    'output.value': result,
  }),
  handoff: () => ({ 'openinference.span.kind': 'CHAIN' }),
};

const openLlmetry: ConventionWriter = {
  root: (attribute, value) => ({
    'traceloop.span.kind': 'workflow',
    'traceloop.entity.name': 'assistant',
    [`traceloop.association.properties.${attribute}`]: value,
  }),
  llm: (c) => ({
    'llm.request.type': 'chat',
    'gen_ai.system': 'openai',
    'gen_ai.request.model': c.requestModel,
    'gen_ai.response.model': c.responseModel,
    'gen_ai.prompt.0.role': 'user',
    'gen_ai.prompt.0.content': c.question,
    'gen_ai.usage.prompt_tokens': c.inputTokens,
    'gen_ai.usage.completion_tokens': c.outputTokens,
    ...(c.error
      ? {}
      : {
          'gen_ai.completion.0.role': 'assistant',
          'gen_ai.completion.0.content': c.answer,
          'gen_ai.completion.0.finish_reason': 'stop',
        }),
  }),
  tool: (name, args, result) => ({
    'traceloop.span.kind': 'tool',
    'traceloop.entity.name': name,
    'traceloop.entity.input': args,
    'traceloop.entity.output': result,
  }),
  handoff: () => ({ 'traceloop.span.kind': 'task', 'traceloop.entity.name': 'handoff_to_human' }),
};

const WRITERS: Record<SpanConvention, ConventionWriter> = {
  'otel-genai': otelGenAi,
  openinference: openInference,
  openllmetry: openLlmetry,
};

function toOtlp(s: RandomIncident, index: number, drafts: SpanDraft[]): OtlpSpan[] {
  const traceId = hex(s.seed >>> 0, 8) + (s.incident ? '1' : '0') + hex(index + 1, 23);
  const spanId = (i: number): string => hex(index + 1, 12) + hex(i + 1, 4);
  const ns = (ms: number): string => `${BigInt(ms) * 1_000_000n}`;
  return drafts.map((d, i) => ({
    resource: { 'service.name': 'assistant', 'telemetry.sdk.language': 'python' },
    scope: { name: s.convention },
    traceId,
    spanId: spanId(i),
    ...(d.parent === undefined ? {} : { parentSpanId: spanId(d.parent) }),
    name: d.name,
    otelKind: d.otelKind ?? 1,
    startTimeUnixNano: ns(d.startMs),
    endTimeUnixNano: ns(d.endMs),
    attributes: d.attributes,
    events: [],
    links: [],
    status: d.error ? { code: 2, message: 'upstream error' } : { code: 0 },
  }));
}

/**
 * The stream's requests in order, each drawn from its segment's profile (the affected
 * segment's from the onset on), written as spans in the stream's convention: a root carrying
 * the segment attribute, a chat call, sometimes a tool call and a hand-off to a person.
 *
 * @example
 * for (const request of randomIncidentTraffic(drawRandomIncident(7))) ingest(request.spans);
 */
export function* randomIncidentTraffic(s: RandomIncident): Generator<RandomRequest> {
  const r = seededRandom('random-incident-traffic', s.seed, s.incident ? 'incident' : 'healthy');
  const times = requestTimes(s);
  const writer = WRITERS[s.convention];
  // When the segment is the requested model, each segment is answered by its own model.
  const bySegment = s.attribute === 'gen_ai.request.model';
  for (let index = 0; index < s.requests; index++) {
    const segment = segmentOf(s, r);
    const p = profileAt(s, segment.value, index, segment.healthy);
    // A failed call has no answer to refuse in: outcomes are drawn refusal first, then error.
    const refused = r.chance(p.refusal_rate);
    const error = !refused && r.chance(p.error_rate);
    const toolCall = !error && !refused && r.chance(p.tool_call_rate);
    const escalation = !error && r.chance(p.escalation_rate);
    const latencyMs = logNormal(r, p.latencyMs, 0.45);
    const inputTokens = logNormal(r, p.inputTokens, 0.3);
    const outputTokens = refused ? 20 + r.int(0, 10) : logNormal(r, p.outputTokens, 0.35);
    const question = `${words(r, 6 + r.int(0, 8))}?`;
    const answer = refused
      ? refusal(r)
      : words(r, Math.min(ANSWER_WORDS, Math.max(3, Math.round(outputTokens / 2))));
    const version = index < s.onsetIndex ? s.responseModel.before : s.responseModel.after;
    const requested = bySegment ? segment.value : version.replace(DATE_SUFFIX, '');
    const model = bySegment ? `${segment.value}${DATE_SUFFIX.exec(version)?.[0] ?? ''}` : version;
    const eventMs = times[index] as number;
    const llmMs = Math.round(latencyMs * (toolCall ? 0.6 : 0.9));
    const drafts: SpanDraft[] = [
      {
        name: 'assistant',
        startMs: eventMs,
        endMs: eventMs + latencyMs,
        otelKind: 2,
        error,
        attributes: writer.root(s.attribute, segment.value, question, error ? '' : answer),
      },
      {
        name: `chat ${model}`,
        startMs: eventMs + 1,
        endMs: eventMs + 1 + llmMs,
        parent: 0,
        otelKind: 3,
        error,
        attributes: writer.llm({
          requestModel: requested,
          responseModel: model,
          question,
          answer,
          inputTokens,
          outputTokens,
          error,
        }),
      },
    ];
    if (toolCall) {
      const tool = r.pick(TOOLS);
      drafts.push({
        name: `execute_tool ${tool}`,
        startMs: eventMs + 2 + llmMs,
        endMs: eventMs + latencyMs - 1,
        parent: 0,
        attributes: writer.tool(tool, JSON.stringify({ q: r.int(1, 9999) }), '{"ok":true}'),
      });
    }
    if (escalation) {
      drafts.push({
        name: 'handoff_to_human',
        startMs: eventMs + latencyMs - 1,
        endMs: eventMs + latencyMs,
        parent: 0,
        attributes: writer.handoff(),
      });
    }
    yield {
      index,
      eventMs,
      segment: segment.value,
      refusal: refused,
      error,
      toolCall,
      escalation,
      latencyMs,
      inputTokens,
      outputTokens,
      spans: toOtlp(s, index, drafts),
    };
  }
}
