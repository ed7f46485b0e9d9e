import type { Attributes } from '../model/attributes.js';
import type { SpanKind } from '../model/span.js';
import { asString } from './attribute-values.js';

const OPERATION_KINDS: Record<string, SpanKind> = {
  chat: 'llm',
  text_completion: 'llm',
  completion: 'llm',
  generate_content: 'llm',
  image_generation: 'llm',
  embeddings: 'embedding',
  embedding: 'embedding',
  retrieval: 'retriever',
  rerank: 'reranker',
  execute_tool: 'tool',
  create_agent: 'agent',
  invoke_agent: 'agent',
  invoke_workflow: 'chain',
  'guardrail.run': 'guardrail',
  guard: 'guardrail',
};

const OPENINFERENCE_KINDS: Record<string, SpanKind> = {
  LLM: 'llm',
  CHAIN: 'chain',
  TOOL: 'tool',
  RETRIEVER: 'retriever',
  RERANKER: 'reranker',
  EMBEDDING: 'embedding',
  AGENT: 'agent',
  GUARDRAIL: 'guardrail',
  EVALUATOR: 'evaluator',
  PROMPT: 'chain',
};

const TRACELOOP_KINDS: Record<string, SpanKind> = {
  workflow: 'chain',
  task: 'chain',
  session: 'chain',
  agent: 'agent',
  tool: 'tool',
};

const REQUEST_TYPE_KINDS: Record<string, SpanKind> = {
  chat: 'llm',
  completion: 'llm',
  embedding: 'embedding',
  embeddings: 'embedding',
  rerank: 'reranker',
};

/** Kind of a Vercel AI SDK span from its `ai.operationId` (the `do*` span is the model call). */
export function aiSdkKind(operationId: string): SpanKind | undefined {
  if (/^ai\.(embed|embedMany)(\.doEmbed)?$/.test(operationId)) return 'embedding';
  if (/^ai\.rerank(\.doRerank)?$/.test(operationId)) return 'reranker';
  if (operationId === 'ai.toolCall') return 'tool';
  if (/^ai\.\w+\.do(Generate|Stream)$/.test(operationId)) return 'llm';
  if (/^ai\.(generate|stream)(Text|Object)$/.test(operationId)) return 'chain';
  return undefined;
}

/**
 * The span kind from the first convention that names it: `gen_ai.operation.name`,
 * `openinference.span.kind`, `traceloop.span.kind`, `llm.request.type`, `ai.operationId`.
 * Unknown values fall through to the next convention; undefined when none applies.
 */
export function declaredKind(attributes: Attributes): SpanKind | undefined {
  const operation = asString(attributes['gen_ai.operation.name']);
  const openInference = asString(attributes['openinference.span.kind']);
  const traceloop = asString(attributes['traceloop.span.kind']);
  const requestType = asString(attributes['llm.request.type']);
  const aiOperation = asString(attributes['ai.operationId']);
  return (
    (operation ? OPERATION_KINDS[operation.toLowerCase()] : undefined) ??
    (openInference ? OPENINFERENCE_KINDS[openInference.toUpperCase()] : undefined) ??
    (traceloop ? TRACELOOP_KINDS[traceloop.toLowerCase()] : undefined) ??
    (requestType ? REQUEST_TYPE_KINDS[requestType.toLowerCase()] : undefined) ??
    (aiOperation ? aiSdkKind(aiOperation) : undefined)
  );
}
