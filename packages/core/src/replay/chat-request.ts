/** A tool call in OpenAI chat wire format. */
export interface WireToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** A chat message in OpenAI wire format (the subset a replay sends). */
export interface WireMessage {
  role: string;
  content: string | null;
  name?: string;
  tool_calls?: WireToolCall[];
  tool_call_id?: string;
}

/** Sampling parameters a bisection treats as one factor. */
export interface SamplingParameters {
  temperature?: number;
  top_p?: number;
  frequency_penalty?: number;
  presence_penalty?: number;
  seed?: number;
}

/**
 * An OpenAI-compatible chat completion request: exactly what a replay trial sends. Plain
 * JSON, so the server passes it to the `openai` client unchanged.
 */
export interface ChatRequest extends SamplingParameters {
  model: string;
  messages: WireMessage[];
  tools?: unknown[];
  tool_choice?: unknown;
  response_format?: unknown;
  stop?: string[];
  max_tokens?: number;
}
