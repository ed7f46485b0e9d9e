import type { Attributes } from './attributes.js';
import type { OtlpEvent } from './otlp-span.js';

export const SPAN_KINDS = [
  'llm',
  'embedding',
  'retriever',
  'reranker',
  'tool',
  'agent',
  'chain',
  'guardrail',
  'evaluator',
  'other',
] as const;
export type SpanKind = (typeof SPAN_KINDS)[number];

export const SPAN_STATUSES = ['unset', 'ok', 'error'] as const;
export type SpanStatus = (typeof SPAN_STATUSES)[number];

/** A tool call requested by a model; `arguments` is the raw JSON text the model produced. */
export interface ToolCall {
  id?: string;
  name: string;
  arguments: string;
}

/** One chat turn: what the model saw (input) or said (output). */
export interface Message {
  role: string;
  content: string;
  toolCalls?: ToolCall[];
  /** On a `tool` message: the call it answers. */
  toolCallId?: string;
  name?: string;
}

export interface RetrievedDocument {
  id?: string;
  content?: string;
  score?: number;
  source?: string;
  /** When the document was ingested into the index, epoch milliseconds. */
  ingestedAtMs?: number;
  metadata?: Attributes;
}

export interface ModelParameters {
  temperature?: number;
  topP?: number;
  topK?: number;
  maxTokens?: number;
  seed?: number;
  stop?: string[];
  stream?: boolean;
}

export interface TokenUsage {
  input?: number;
  output?: number;
  cached?: number;
  total?: number;
}

/** A tool the model was offered, with the JSON schema of its arguments when known. */
export interface ToolDefinition {
  name: string;
  description?: string;
  parameters?: Attributes;
}

export interface ToolExecution {
  name?: string;
  callId?: string;
  arguments?: string;
  result?: string;
  /** Set by callers that make side-effecting calls idempotent. */
  idempotencyKey?: string;
}

export interface PromptReference {
  name?: string;
  version?: string;
  template?: string;
  variables?: Attributes;
}

/**
 * The versions of everything that shapes behaviour, carried on every span that knows them:
 * agent logic, prompt, model runtime, tool schemas, retrieval index, eval dataset, and any
 * other artifact the application names.
 */
export type VersionSnapshot = Record<string, string>;

/** One step of an LLM system in the one shape every convention is normalized onto. */
export interface Span {
  projectId: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: SpanKind;
  /** Exact OTLP timestamps (unsigned 64-bit nanoseconds as decimal strings). */
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  /** The same instants in epoch milliseconds, for querying and display. */
  startMs: number;
  durationMs: number;
  status: SpanStatus;
  statusMessage?: string;
  serviceName?: string;

  requestModel?: string;
  responseModel?: string;
  provider?: string;
  parameters: ModelParameters;
  inputMessages: Message[];
  outputMessages: Message[];
  /** Generic input and output text (chain, tool and agent spans; or the last user turn). */
  input?: string;
  output?: string;
  finishReason?: string;
  usage: TokenUsage;
  costUsd?: number;
  timeToFirstTokenMs?: number;

  tool?: ToolExecution;
  toolDefinitions: ToolDefinition[];
  retrievalQuery?: string;
  documents: RetrievedDocument[];

  sessionId?: string;
  userId?: string;
  prompt?: PromptReference;
  agentName?: string;
  tags: string[];
  metadata: Record<string, string>;
  versions: VersionSnapshot;

  /** Everything as received, always kept so a new convention can be re-mapped later. */
  resource: Attributes;
  scope: { name: string; version?: string };
  attributes: Attributes;
  events: OtlpEvent[];
}
