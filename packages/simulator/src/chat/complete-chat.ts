import type { Behavior, ModelSpec } from '../config/simulator-config.js';
import { breakJson, jsonAnswer, targetSchema } from '../json/json-answer.js';
import { analyzePrompt } from '../text/analyze-prompt.js';
import { composeAnswer } from '../text/compose-answer.js';
import { countTokens, truncateToTokens } from '../util/count-tokens.js';
import type { Random } from '../util/seeded-random.js';
import { seededRandom } from '../util/seeded-random.js';
import { ProviderError } from '../server/provider-error.js';
import type { ChatMessage, ChatRequest, ToolCall } from './chat-types.js';
import { messageText } from './chat-types.js';
import { chooseToolCall } from './choose-tool-call.js';
import { judgeAnswer } from '../judge/judge-answer.js';
import { rewordItems } from './reword-items.js';
import type { PromptCache } from './prompt-cache.js';
import { promptTokens } from './prompt-tokens.js';
import { truncatePrompt } from './truncate-prompt.js';

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

export interface ChatChoice {
  index: number;
  message: {
    role: 'assistant';
    content: string | null;
    refusal: string | null;
    tool_calls?: ToolCall[];
  };
  finish_reason: FinishReason;
  logprobs: null;
}

export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
  completion_tokens_details: { reasoning_tokens: number };
}

/** A finished completion plus the ground truth of what was injected into it. */
export interface ChatOutcome {
  choices: ChatChoice[];
  usage: ChatUsage;
  /** Behaviours injected or observed, e.g. 'hallucination', 'refusal', 'prompt-truncated'. */
  groundTruth: string[];
}

export interface CompleteChatInput {
  request: ChatRequest;
  model: ModelSpec;
  behavior: Behavior;
  /** Seed material for this request; each choice derives its own stream from it. */
  seedParts: readonly (string | number)[];
  cache: PromptCache;
}

/**
 * Produces a chat completion for a request: checks the context window (error or silent
 * truncation of the start), decides injected behaviours, then writes each choice.
 */
export function completeChat({
  request,
  model,
  behavior,
  seedParts,
  cache,
}: CompleteChatInput): ChatOutcome {
  const groundTruth = new Set<string>();
  const window = behavior.contextWindow ?? model.contextWindow;
  const maxTokens = request.max_completion_tokens ?? request.max_tokens ?? null;
  const sent = promptTokens(request.messages, request.tools);
  let messages: ChatMessage[] = request.messages;
  if (sent + (maxTokens ?? 0) > window) {
    if (behavior.contextOverflow === 'error') {
      throw new ProviderError(
        'context_length_exceeded',
        `This model's maximum context length is ${window} tokens. However, your messages resulted in ${sent} tokens${maxTokens ? ` (with ${maxTokens} in the completion)` : ''}. Please reduce the length of the messages.`,
        { param: 'messages' },
      );
    }
    const toolTokens = sent - promptTokens(request.messages);
    messages = truncatePrompt(
      request.messages,
      Math.max(1, window - toolTokens - (maxTokens ?? 0)),
    );
    groundTruth.add('prompt-truncated');
  }
  const prompt = promptTokens(messages, request.tools);
  const cached = cache.lookupAndStore(model.id, messages);
  const choices: ChatChoice[] = [];
  let completionTokens = 0;
  for (let index = 0; index < (request.n ?? 1); index++) {
    const choice = writeChoice(
      request,
      messages,
      behavior,
      seededRandom(...seedParts, 'choice', index),
      groundTruth,
    );
    choice.index = index;
    choices.push(choice);
    const { content, refusal, tool_calls } = choice.message;
    completionTokens += countTokens(content ?? refusal ?? '');
    for (const call of tool_calls ?? []) {
      completionTokens +=
        3 + countTokens(call.function.name) + countTokens(call.function.arguments);
    }
  }
  return {
    choices,
    usage: {
      prompt_tokens: prompt,
      completion_tokens: completionTokens,
      total_tokens: prompt + completionTokens,
      prompt_tokens_details: { cached_tokens: cached },
      completion_tokens_details: { reasoning_tokens: 0 },
    },
    groundTruth: [...groundTruth],
  };
}

function writeChoice(
  request: ChatRequest,
  messages: ChatMessage[],
  behavior: Behavior,
  rng: Random,
  truth: Set<string>,
): ChatChoice {
  // Draw every decision up front, in a fixed order, so changing one rate never reshuffles the others.
  const refuse = rng.chance(behavior.refusalRate);
  const hallucinate = rng.chance(behavior.hallucinationRate);
  const sycophantic = rng.chance(behavior.sycophancyRate);
  const breakFormat = rng.chance(1 - behavior.formatComplianceRate);
  const filtered = rng.chance(behavior.contentFilterRate);
  const analysis = analyzePrompt(messages);
  const maxTokens = request.max_completion_tokens ?? request.max_tokens ?? null;
  const choice = (
    content: string | null,
    finish: FinishReason,
    extra: Partial<ChatChoice['message']> = {},
  ): ChatChoice => ({
    index: 0,
    message: { role: 'assistant', content, refusal: null, ...extra },
    finish_reason: finish,
    logprobs: null,
  });

  // Judge prompts get a deterministic verdict, untouched by the injected answer behaviours.
  const promptText = messages.map(messageText).join('\n');
  const verdict = request.tools?.length
    ? undefined
    : (judgeAnswer(promptText) ?? rewordItems(promptText));
  if (verdict !== undefined) return choice(verdict, 'stop');

  const call =
    refuse || analysis.harmful
      ? null
      : chooseToolCall(request, analysis.question, analysis.toolResults.length > 0, rng);
  if (call) {
    truth.add('tool-call');
    if (maxTokens !== null && countTokens(call.function.arguments) > maxTokens) {
      truth.add('length');
      call.function.arguments = truncateToTokens(call.function.arguments, maxTokens);
      return choice(null, 'length', { tool_calls: [call] });
    }
    return choice(null, 'tool_calls', { tool_calls: [call] });
  }

  const answer = composeAnswer(
    analysis,
    { refuse, hallucinate, sycophantic, verbosity: behavior.verbosity },
    rng,
  );
  if (answer.kind === 'refusal') truth.add('refusal');
  if (answer.kind === 'hallucinated' || (hallucinate && answer.kind === 'label'))
    truth.add('hallucination');
  if (answer.agreedWithPremise) truth.add('sycophancy');

  let content = answer.text;
  const format = request.response_format;
  if (format && format.type !== 'text') {
    const allText = messages.map(messageText).join('\n');
    if (format.type === 'json_object' && !/json/i.test(allText)) {
      throw new ProviderError(
        'invalid_request',
        "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
        { param: 'messages' },
      );
    }
    if (answer.kind === 'refusal' && format.type === 'json_schema') {
      return choice(null, 'stop', { refusal: answer.text });
    }
    const schema = targetSchema(format, allText);
    content = jsonAnswer(schema, answer.text, answer.kind === 'label', analysis.question, rng);
    if (breakFormat) {
      content = breakJson(content, schema, rng);
      truth.add('format-failure');
    }
  }
  for (const stop of [request.stop ?? []].flat()) {
    const at = stop ? content.indexOf(stop) : -1;
    if (at >= 0) content = content.slice(0, at);
  }
  if (filtered) {
    truth.add('content-filter');
    return choice(
      truncateToTokens(content, Math.floor(countTokens(content) / 2)),
      'content_filter',
    );
  }
  if (maxTokens !== null && countTokens(content) > maxTokens) {
    truth.add('length');
    return choice(truncateToTokens(content, maxTokens), 'length');
  }
  return choice(content, 'stop');
}
