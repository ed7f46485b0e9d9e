import { parseProviderTarget, type EvalServices, type JudgePrompt } from '@glassbox/core/evals';
import type { ProviderConfig } from '@glassbox/core/providers';
import { createReplayProviders } from '../replay/replay-providers.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The grader model when an assertion names none: GLASSBOX_GRADER_MODEL, else gpt-4.1-mini. */
export const graderModel = (env: Env): string => env.GLASSBOX_GRADER_MODEL || 'gpt-4.1-mini';

/**
 * Judge calls for model-graded online evaluators, through the server's providers (the
 * providers file, else OPENAI_BASE_URL / OPENAI_API_KEY), at temperature 0. Without a
 * provider a judge call fails with the reason, and the evaluator is reported, not scored.
 *
 * @example
 * new OnlineEvalJob(storage, { services: onlineJudgeServices(undefined, process.env) });
 */
export function onlineJudgeServices(
  providers: readonly ProviderConfig[] | undefined,
  env: Env,
): EvalServices {
  const configured = createReplayProviders(providers ? [...providers] : undefined, env);
  return {
    async judge(prompt: JudgePrompt, grader: unknown): Promise<string> {
      const id = typeof grader === 'string' ? grader : (grader as { id?: unknown } | undefined)?.id;
      let model = graderModel(env);
      if (typeof id === 'string') {
        const target = parseProviderTarget(id);
        if (target.kind !== 'openai-chat')
          throw new Error(`grading provider "${id}" must be an OpenAI-compatible chat model`);
        model = target.model;
      }
      const { client } = configured.clientFor(model);
      const completion = await client.chat.completions.create({
        model,
        temperature: 0,
        messages: prompt.messages,
      });
      const content = completion.choices[0]?.message.content;
      if (!content) throw new Error(`grader ${model} returned no text`);
      return content;
    },
  };
}
