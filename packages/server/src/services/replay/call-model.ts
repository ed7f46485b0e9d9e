import type OpenAI from 'openai';
import { computeCostUsd } from '@glassbox/core/cost';
import type { ChatRequest, TrialOutput } from '@glassbox/core/replay';

/**
 * Sends one replayed request and returns what came back. Never throws: a provider error is
 * part of the result, so one failed trial never ends a run.
 *
 * @example const out = await callModel(client, plan.request); out.error ?? out.content
 */
export async function callModel(client: OpenAI, request: ChatRequest): Promise<TrialOutput> {
  const started = performance.now();
  try {
    const completion = await client.chat.completions.create({
      ...(request as unknown as OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming),
      stream: false,
    });
    const latencyMs = performance.now() - started;
    const choice = completion.choices[0];
    const message = choice?.message;
    const out: TrialOutput = { content: message?.content ?? null, latencyMs };
    const calls = message?.tool_calls?.filter((c) => c.type === 'function');
    if (calls && calls.length > 0)
      out.toolCalls = calls.map((c) => ({
        id: c.id,
        name: c.function.name,
        arguments: c.function.arguments,
      }));
    if (choice?.finish_reason) out.finishReason = choice.finish_reason;
    if (completion.model) out.responseModel = completion.model;
    const usage = completion.usage;
    if (usage) {
      out.usage = {
        input: usage.prompt_tokens,
        output: usage.completion_tokens,
        total: usage.total_tokens,
        ...(usage.prompt_tokens_details?.cached_tokens
          ? { cached: usage.prompt_tokens_details.cached_tokens }
          : {}),
      };
      const cost = computeCostUsd(completion.model || request.model, out.usage);
      if (cost !== undefined) out.costUsd = cost;
    }
    return out;
  } catch (error) {
    const e = error as { status?: number; code?: string | null; message?: string };
    const failure: NonNullable<TrialOutput['error']> = { message: e.message ?? String(error) };
    if (typeof e.status === 'number') failure.status = e.status;
    if (typeof e.code === 'string') failure.code = e.code;
    return { content: null, latencyMs: performance.now() - started, error: failure };
  }
}

/** Whether a provider error says the model does not exist there. */
export function isUnknownModel(output: TrialOutput): boolean {
  return (
    output.error?.status === 404 &&
    /model/i.test(`${output.error.code ?? ''} ${output.error.message}`)
  );
}
