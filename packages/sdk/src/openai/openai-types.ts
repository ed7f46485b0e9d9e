/**
 * The slice of the official `openai` client's shapes this SDK reads, declared here so the SDK
 * has no runtime dependency on `openai` and works with any compatible client.
 */
export interface OpenAIContentPart {
  type: string;
  text?: string;
  refusal?: string;
}

export interface OpenAIToolCall {
  id?: string;
  type?: string;
  function?: { name?: string; arguments?: string };
}

export interface OpenAIRequestMessage {
  role: string;
  content?: string | readonly OpenAIContentPart[] | null;
  name?: string;
  tool_calls?: readonly OpenAIToolCall[];
  tool_call_id?: string;
}

export interface OpenAIChatRequest {
  model: string;
  messages: readonly OpenAIRequestMessage[];
  temperature?: number | null;
  top_p?: number | null;
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  seed?: number | null;
  stop?: string | readonly string[] | null;
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean | null } | null;
  frequency_penalty?: number | null;
  presence_penalty?: number | null;
  n?: number | null;
  response_format?: { type?: string } | null;
  tool_choice?: unknown;
  tools?: readonly unknown[];
}

export interface OpenAIUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
}

export interface OpenAIChatCompletion {
  id?: string;
  model?: string;
  choices?: ReadonlyArray<{
    index?: number;
    finish_reason?: string | null;
    message?: {
      role?: string;
      content?: string | null;
      refusal?: string | null;
      tool_calls?: readonly OpenAIToolCall[];
    };
  }>;
  usage?: OpenAIUsage | null;
  _request_id?: string | null;
}

export interface OpenAIChatChunk {
  id?: string;
  model?: string;
  choices?: ReadonlyArray<{
    index?: number;
    finish_reason?: string | null;
    delta?: {
      role?: string;
      content?: string | null;
      refusal?: string | null;
      tool_calls?: ReadonlyArray<{
        index?: number;
        id?: string;
        function?: { name?: string; arguments?: string };
      }>;
    };
  }>;
  usage?: OpenAIUsage | null;
}

export interface OpenAIEmbeddingRequest {
  model: string;
  input: unknown;
  encoding_format?: string;
  dimensions?: number;
}

export interface OpenAIEmbeddingResponse {
  model?: string;
  data?: ReadonlyArray<{ embedding?: unknown }>;
  usage?: { prompt_tokens?: number; total_tokens?: number } | null;
}

/** What `instrumentOpenAI` needs of a client. */
export interface OpenAILike {
  chat: { completions: { create: (...args: never[]) => unknown } };
  embeddings?: { create: (...args: never[]) => unknown };
  baseURL?: string;
}
