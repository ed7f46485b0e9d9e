import OpenAI from 'openai';
import { parseProviderTarget } from '@glassbox/core/evals';
import type { EvalServices, JudgePrompt } from '@glassbox/core/evals';
import type { JavascriptSandbox } from './javascript-sandbox.js';
import { openAiEndpoint } from './providers/openai-chat-provider.js';

/** The grader used when neither the assertion nor the test names one. */
export function defaultGraderModel(env: Readonly<Record<string, string | undefined>>): string {
  return env.GLASSBOX_GRADER_MODEL || 'gpt-4.1-mini';
}

interface Grader {
  model: string;
  config: Record<string, unknown>;
}

function graderOf(spec: unknown, env: Readonly<Record<string, string | undefined>>): Grader {
  if (spec === undefined || spec === null) return { model: defaultGraderModel(env), config: {} };
  const id = typeof spec === 'string' ? spec : (spec as { id?: unknown }).id;
  const config =
    typeof spec === 'object' ? ((spec as { config?: Record<string, unknown> }).config ?? {}) : {};
  if (typeof id !== 'string') throw new Error('a grading provider is an id or { id, config }');
  const target = parseProviderTarget(id);
  if (target.kind !== 'openai-chat')
    throw new Error(`grading provider "${id}" must be an OpenAI-compatible chat model`);
  return { model: target.model, config };
}

/**
 * The judge, embedding and sandbox services for grading, over OpenAI-compatible endpoints
 * (`OPENAI_BASE_URL`/`OPENAI_API_KEY`, or a grader's `apiBaseUrl`/`apiKeyEnvar`). Judges
 * answer at temperature 0. Embeddings fall back to the labelled hashing vectorizer when no
 * endpoint is configured or it has no embeddings route (404).
 */
export function createEvalServices(
  env: Readonly<Record<string, string | undefined>>,
  sandbox: JavascriptSandbox,
): EvalServices {
  const clients = new Map<string, OpenAI>();
  const client = (config: Record<string, unknown>): OpenAI => {
    const endpoint = openAiEndpoint(config, env);
    const key = `${endpoint.baseURL ?? ''}|${endpoint.apiKey}`;
    let c = clients.get(key);
    if (!c)
      clients.set(
        key,
        (c = new OpenAI({ baseURL: endpoint.baseURL, apiKey: endpoint.apiKey, maxRetries: 2 })),
      );
    return c;
  };
  const hasEndpoint = Boolean(env.OPENAI_BASE_URL || env.OPENAI_API_KEY);
  return {
    async judge(prompt: JudgePrompt, spec: unknown): Promise<string> {
      const grader = graderOf(spec, env);
      const completion = await client(grader.config).chat.completions.create({
        model: grader.model,
        temperature: 0,
        messages: prompt.messages,
      });
      const content = completion.choices[0]?.message.content;
      if (!content) throw new Error(`grader ${grader.model} returned no text`);
      return content;
    },
    async embed(texts: string[]): Promise<number[][] | undefined> {
      if (!hasEndpoint) return undefined;
      try {
        const response = await client({}).embeddings.create({
          model: env.GLASSBOX_EMBEDDING_MODEL || 'text-embedding-3-small',
          input: texts,
        });
        return response.data.map((d) => d.embedding);
      } catch (error) {
        if (error instanceof OpenAI.APIError && error.status === 404) return undefined;
        throw error;
      }
    },
    runJavascript: (body, output, context) => sandbox.runFunction(body, output, context),
  };
}
