import OpenAI from 'openai';
import { computeCostUsd } from '@glassbox/core/cost';
import type { ProviderResponse } from '@glassbox/core/evals';
import type { CallContext, EvalProvider } from './eval-provider.js';
import { failedResponse } from './eval-provider.js';

type ChatMessage = OpenAI.Chat.Completions.ChatCompletionMessageParam;

/** Where an OpenAI-compatible endpoint is and which key to send. */
export interface OpenAiEndpoint {
  baseURL: string | undefined;
  apiKey: string;
}

/**
 * The endpoint for a provider: `config.apiBaseUrl` or `OPENAI_BASE_URL`, and the key from the
 * variable `config.apiKeyEnvar` names or `OPENAI_API_KEY`. Keys only ever come from the
 * environment.
 */
export function openAiEndpoint(
  config: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
): OpenAiEndpoint {
  const keyVar = typeof config.apiKeyEnvar === 'string' ? config.apiKeyEnvar : 'OPENAI_API_KEY';
  const baseURL =
    typeof config.apiBaseUrl === 'string' ? config.apiBaseUrl : env.OPENAI_BASE_URL || undefined;
  return { baseURL, apiKey: env[keyVar] ?? (baseURL ? 'unused' : '') };
}

/** A prompt that is a JSON list of chat messages is sent as those messages, anything else as one user message. */
export function promptMessages(prompt: string): ChatMessage[] {
  const trimmed = prompt.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed) && parsed.every((m) => m && typeof m === 'object' && 'role' in m))
        return parsed as ChatMessage[];
    } catch {
      // not chat JSON: a plain prompt that starts with a bracket
    }
  }
  return [{ role: 'user', content: prompt }];
}

/** Request fields a config may set, in the order promptfoo writes them (requests then match byte for byte). */
const PARAMETERS = [
  'seed',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'presence_penalty',
  'frequency_penalty',
  'tools',
  'tool_choice',
  'response_format',
  'stop',
];

/**
 * promptfoo's request defaults, so a config sends the same request under both tools:
 * temperature 0 and max_tokens 1024 (`OPENAI_TEMPERATURE`, `OPENAI_MAX_TOKENS`), unless the
 * config sets them or max_completion_tokens.
 */
function defaultSampling(
  config: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, number> {
  const out: Record<string, number> = {};
  const temperature = Number(env.OPENAI_TEMPERATURE ?? 0);
  const maxTokens = Number(env.OPENAI_MAX_TOKENS ?? 1024);
  if (config.temperature === undefined && Number.isFinite(temperature))
    out.temperature = temperature;
  if (
    config.max_tokens === undefined &&
    config.max_completion_tokens === undefined &&
    Number.isFinite(maxTokens) &&
    maxTokens > 0
  )
    out.max_tokens = maxTokens;
  return out;
}

/**
 * `openai:chat:MODEL` through the official `openai` client. The output follows promptfoo:
 * the text; the tool calls when the model answered with tools only; the whole message when
 * it did both; parsed JSON under a `json_schema` response format.
 */
export function createOpenAiChatProvider(
  id: string,
  label: string,
  model: string,
  config: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
): EvalProvider {
  const endpoint = openAiEndpoint(config, env);
  const client = new OpenAI({
    baseURL: endpoint.baseURL,
    apiKey: endpoint.apiKey,
    maxRetries: 2,
    logLevel: 'off',
    defaultHeaders: (config.headers as Record<string, string> | undefined) ?? {},
  });
  const sampling = { ...defaultSampling(config, env), ...config };
  const params: Record<string, unknown> = Object.fromEntries(
    PARAMETERS.filter((k) => sampling[k] !== undefined).map((k) => [k, sampling[k]]),
  );
  const tools = Array.isArray(config.tools) ? (config.tools as unknown[]) : undefined;
  return {
    id,
    label,
    ...(tools ? { tools } : {}),
    async call(prompt: string, context: CallContext): Promise<ProviderResponse> {
      const startedAt = performance.now();
      try {
        const completion = await client.chat.completions.create(
          {
            model,
            messages: promptMessages(prompt),
            ...params,
          } as OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming,
          { headers: { traceparent: context.traceparent } },
        );
        const latencyMs = Math.round(performance.now() - startedAt);
        const choice = completion.choices[0];
        const message = choice?.message;
        const calls = message?.tool_calls;
        let output: unknown = message?.content ?? null;
        if (message?.content && calls && calls.length > 0) output = message;
        else if (!message?.content && calls && calls.length > 0) output = calls;
        const format = config.response_format as { type?: string } | undefined;
        if (format?.type === 'json_schema' && typeof output === 'string') {
          try {
            output = JSON.parse(output) as unknown;
          } catch {
            // left as text: the assertions will say it is not JSON
          }
        }
        const usage = completion.usage;
        const cost = usage
          ? computeCostUsd(completion.model || model, {
              input: usage.prompt_tokens,
              output: usage.completion_tokens,
              cached: usage.prompt_tokens_details?.cached_tokens ?? 0,
            })
          : undefined;
        return {
          output,
          latencyMs,
          ...(choice?.finish_reason ? { finishReason: choice.finish_reason } : {}),
          ...(cost !== undefined ? { cost } : {}),
          ...(usage
            ? {
                tokenUsage: {
                  prompt: usage.prompt_tokens,
                  completion: usage.completion_tokens,
                  total: usage.total_tokens,
                  cached: usage.prompt_tokens_details?.cached_tokens ?? 0,
                },
              }
            : {}),
          traceparent: context.traceparent,
        };
      } catch (error) {
        return failedResponse(error, startedAt);
      }
    },
  };
}
