import type { TokenEncoding } from '@glassbox/core/providers';
import { describeModel } from '@glassbox/core/providers';

interface Tokenizer {
  countTokens(text: string): number;
}

const tokenizers = new Map<TokenEncoding, Tokenizer>();
const loading = new Map<TokenEncoding, Promise<void>>();

/** Loads an encoding ahead of the first request that needs it. */
export function preloadEncoding(encoding: TokenEncoding): Promise<void> {
  let pending = loading.get(encoding);
  if (!pending) {
    pending = importEncoding(encoding).then((t) => void tokenizers.set(encoding, t));
    loading.set(encoding, pending);
  }
  return pending;
}

function importEncoding(encoding: TokenEncoding): Promise<Tokenizer> {
  switch (encoding) {
    case 'o200k_base':
      return import('gpt-tokenizer/encoding/o200k_base');
    case 'cl100k_base':
      return import('gpt-tokenizer/encoding/cl100k_base');
    case 'p50k_base':
      return import('gpt-tokenizer/encoding/p50k_base');
    case 'r50k_base':
      return import('gpt-tokenizer/encoding/r50k_base');
  }
}

/** Text of a message's content: a string, or the text parts of a content array. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((p) =>
      typeof p === 'object' && p !== null && typeof (p as { text?: unknown }).text === 'string'
        ? (p as { text: string }).text
        : '',
    )
    .join('');
}

export interface PromptTokens {
  system: number;
  tools: number;
  messages: number;
}

/**
 * Counts a chat request's prompt tokens in the model's pinned encoding, by part (system,
 * tool definitions, the other messages), with OpenAI's 3 tokens of framing per message.
 *
 * @example const { system, tools, messages } = await countPromptTokens('gpt-4o', body);
 */
export async function countPromptTokens(
  model: string,
  body: Record<string, unknown>,
): Promise<PromptTokens> {
  const { encoding } = describeModel(model);
  await preloadEncoding(encoding);
  const tokenizer = tokenizers.get(encoding)!;
  const out: PromptTokens = { system: 0, tools: 0, messages: 0 };
  const messages = Array.isArray(body.messages) ? (body.messages as Record<string, unknown>[]) : [];
  for (const m of messages) {
    const text = contentText(m.content) + (m.tool_calls ? JSON.stringify(m.tool_calls) : '');
    const tokens = tokenizer.countTokens(text) + 3;
    if (m.role === 'system' || m.role === 'developer') out.system += tokens;
    else out.messages += tokens;
  }
  if (Array.isArray(body.tools)) out.tools = tokenizer.countTokens(JSON.stringify(body.tools));
  return out;
}

/** Counts the tokens of an answer (for attempts cut before the provider reported usage). */
export async function countTextTokens(model: string, text: string): Promise<number> {
  const { encoding } = describeModel(model);
  await preloadEncoding(encoding);
  return tokenizers.get(encoding)!.countTokens(text);
}
