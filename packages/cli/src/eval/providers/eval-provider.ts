import type { ProviderResponse } from '@glassbox/core/evals';

/** What one call knows besides the prompt. */
export interface CallContext {
  vars: Readonly<Record<string, unknown>>;
  /** W3C traceparent to send, so the app's own trace can be found afterwards. */
  traceparent: string;
}

/**
 * The one interface every eval target sits behind (OpenAI-compatible chat, HTTP app, command,
 * echo). A call never throws: failures come back as `{ error }` so the test errors and the
 * run goes on.
 */
export interface EvalProvider {
  id: string;
  label: string;
  /** Tool definitions sent with chat calls, for `is-valid-openai-tools-call`. */
  tools?: readonly unknown[];
  call(prompt: string, context: CallContext): Promise<ProviderResponse>;
}

/** Turns a thrown error into the `{ error }` response a failed call returns. */
export function failedResponse(error: unknown, startedAt: number): ProviderResponse {
  const message = error instanceof Error ? error.message : String(error);
  return { output: null, error: message, latencyMs: Math.round(performance.now() - startedAt) };
}
