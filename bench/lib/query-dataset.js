// Normalized spans for the query benchmark, written straight through storage.traces.writeSpans.
// Same shape of trace as the ingest benchmark, with shorter texts so a million spans load in
// minutes; a few rare values give filters something hard to find.
import { randomBytes } from 'node:crypto';
import { MODELS, prose } from './llm-trace.js';

/** One trace in a thousand uses this model, and one in a thousand carries this word. */
export const RARE_MODEL = 'gpt-4o-2024-05-13';
export const RARE_WORD = 'zanzibarquokka';
export const COMMON_WORD = 'refund';

const DAY_MS = 86_400_000;

/** The five spans of trace number `index`, spread over the 30 days before `endMs`. */
export function datasetTrace(random, index, totalTraces, projectId, endMs) {
  const traceId = randomBytes(16).toString('hex');
  const ids = Array.from({ length: 5 }, () => randomBytes(8).toString('hex'));
  const start = Math.floor(endMs - 30 * DAY_MS + (index / totalTraces) * 30 * DAY_MS);
  const sessionId = `session-${Math.floor(index / 5)}`;
  const userId = `user-${Math.floor(index / 20) % 5000}`;
  const rare = index % 1000 === 500;
  const model = rare ? RARE_MODEL : MODELS[index % MODELS.length];
  const question = `${prose(random, 100)}${rare ? ` ${RARE_WORD}` : ''}?`;
  const answer = prose(random, 400);
  const docs = Array.from({ length: 5 }, (_, i) => ({
    id: `kb-${Math.floor(random() * 10000)}`,
    content: prose(random, 120),
    score: 0.9 - i * 0.07,
  }));
  const base = { projectId, traceId, sessionId, userId, serviceName: 'support-bot' };
  const span = (i, parent, name, kind, offset, duration, extra) => ({
    ...base,
    spanId: ids[i],
    ...(parent === undefined ? {} : { parentSpanId: ids[parent] }),
    name,
    kind,
    startTimeUnixNano: `${BigInt(start + offset) * 1_000_000n}`,
    endTimeUnixNano: `${BigInt(start + offset + duration) * 1_000_000n}`,
    startMs: start + offset,
    durationMs: duration,
    status: index % 50 === 7 && i === 3 ? 'error' : 'ok',
    parameters: {},
    inputMessages: [],
    outputMessages: [],
    usage: {},
    toolDefinitions: [],
    documents: [],
    tags: ['support'],
    metadata: {},
    versions: { agent: 'v12', prompt: 'support-v7' },
    resource: { 'service.name': 'support-bot' },
    scope: { name: 'glassbox-bench' },
    attributes: {},
    events: [],
    ...extra,
  });
  return [
    span(0, undefined, 'invoke_agent support-agent', 'agent', 0, 2400, {
      agentName: 'support-agent',
      input: question,
      output: answer,
      attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'support-agent' },
    }),
    span(1, 0, 'embeddings text-embedding-3-small', 'embedding', 10, 50, {
      requestModel: 'text-embedding-3-small',
      provider: 'openai',
      usage: { input: 32 },
    }),
    span(2, 0, 'retrieval kb', 'retriever', 60, 120, {
      retrievalQuery: question,
      documents: docs,
    }),
    span(3, 0, `chat ${model}`, 'llm', 200, 1900, {
      requestModel: model,
      responseModel: `${model}-2025-01-01`,
      provider: model.startsWith('claude') ? 'anthropic' : 'openai',
      parameters: { temperature: 0.2, maxTokens: 1024 },
      inputMessages: [
        { role: 'system', content: 'You are a support agent for an online store.' },
        { role: 'user', content: question },
      ],
      outputMessages: [{ role: 'assistant', content: answer }],
      finishReason: 'stop',
      usage: { input: 950, output: 210, total: 1160 },
      costUsd: 0.0021,
      attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': model },
    }),
    span(4, 0, 'execute_tool lookup_order', 'tool', 2100, 250, {
      tool: { name: 'lookup_order', arguments: `{"order_id":"A-${index}"}`, result: '{"ok":true}' },
    }),
  ];
}
