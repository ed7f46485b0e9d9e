import { tokenPieces } from '../util/count-tokens.js';
import type { ChatOutcome } from './complete-chat.js';

export interface CompletionEnvelope {
  id: string;
  created: number;
  model: string;
  system_fingerprint: string;
}

const PIECES_PER_CHUNK = 3;

function group(pieces: string[], size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < pieces.length; i += size) out.push(pieces.slice(i, i + size).join(''));
  return out;
}

/**
 * Turns a finished completion into the `chat.completion.chunk` objects OpenAI streams: a
 * role chunk, content (or tool-call argument) deltas, a finish chunk per choice and, with
 * `include_usage`, a final chunk with empty `choices` and the usage.
 */
export function streamChunks(
  envelope: CompletionEnvelope,
  outcome: ChatOutcome,
  includeUsage: boolean,
): Record<string, unknown>[] {
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({
    ...envelope,
    object: 'chat.completion.chunk',
    service_tier: 'default',
    choices,
    ...(includeUsage ? { usage: null } : {}),
    ...extra,
  });
  const chunks: Record<string, unknown>[] = [];
  for (const choice of outcome.choices) {
    const delta = (d: Record<string, unknown>, finish: string | null = null) => ({
      index: choice.index,
      delta: d,
      logprobs: null,
      finish_reason: finish,
    });
    const { content, refusal, tool_calls } = choice.message;
    chunks.push(
      chunk([delta({ role: 'assistant', content: tool_calls ? null : '', refusal: null })]),
    );
    for (const piece of group(tokenPieces(content ?? ''), PIECES_PER_CHUNK)) {
      chunks.push(chunk([delta({ content: piece })]));
    }
    if (refusal) chunks.push(chunk([delta({ refusal })]));
    (tool_calls ?? []).forEach((call, index) => {
      chunks.push(
        chunk([
          delta({
            tool_calls: [
              {
                index,
                id: call.id,
                type: 'function',
                function: { name: call.function.name, arguments: '' },
              },
            ],
          }),
        ]),
      );
      for (const piece of group(tokenPieces(call.function.arguments), PIECES_PER_CHUNK)) {
        chunks.push(chunk([delta({ tool_calls: [{ index, function: { arguments: piece } }] })]));
      }
    });
    chunks.push(chunk([delta({}, choice.finish_reason)]));
  }
  if (includeUsage) chunks.push(chunk([], { usage: outcome.usage }));
  return chunks;
}
