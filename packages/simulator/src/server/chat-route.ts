import { completeChat } from '../chat/complete-chat.js';
import { continueAfterPrefill, splitPrefill } from '../chat/continue-prefill.js';
import { contentKey } from './handle-provider-request.js';
import type { ChatMessage } from '../chat/chat-types.js';
import { messageText } from '../chat/chat-types.js';
import { parseChatRequest } from '../chat/parse-chat-request.js';
import { streamChunks } from '../chat/stream-chunks.js';
import { shortHash } from '../util/seeded-random.js';
import type { ProviderRoute } from './provider-route.js';
import { isRecord } from './provider-route.js';
import { bump } from './simulator-stats.js';

/** `POST /v1/chat/completions`, plain or streamed. */
export const chatRoute: ProviderRoute = {
  route: 'chat',
  facts(body) {
    const messages =
      isRecord(body) && Array.isArray(body.messages) ? (body.messages as ChatMessage[]) : [];
    return {
      route: 'chat',
      model: isRecord(body) && typeof body.model === 'string' ? body.model : null,
      text: messages.map((m) => (isRecord(m) ? messageText(m) : '')).join('\n'),
      tool: null,
      ...(isRecord(body) && typeof body.temperature === 'number'
        ? { temperature: body.temperature }
        : {}),
    };
  },
  handle({ state, body, behavior, seedParts, requestId, groundTruth }) {
    const parsed = parseChatRequest(body);
    const model = state.model(parsed.model, 'chat');
    // A prefill is continued: the answer without it, minus the prefilled start.
    const split = splitPrefill(parsed.messages, behavior.prefill);
    const request = split ? { ...parsed, messages: split.messages } : parsed;
    const parts = split
      ? [
          seedParts[0]!,
          contentKey('chat', null, { ...(body as object), messages: split.messages }),
          seedParts[2]!,
        ]
      : seedParts;
    const complete = completeChat({
      request,
      model,
      behavior,
      seedParts: parts,
      cache: state.cache,
    });
    const outcome = split ? continueAfterPrefill(complete, split.prefill) : complete;
    for (const truth of outcome.groundTruth) groundTruth.add(truth);
    for (const choice of outcome.choices) {
      for (const call of choice.message.tool_calls ?? [])
        bump(state.stats.toolCallsIssued, call.function.name);
    }
    const { usage } = outcome;
    state.stats.tokens.prompt += usage.prompt_tokens;
    state.stats.tokens.completion += usage.completion_tokens;
    state.stats.tokens.cached += usage.prompt_tokens_details.cached_tokens;
    const returned = behavior.returnedModel ?? model.version;
    const envelope = {
      id: `chatcmpl-${shortHash(`${requestId}`, 29)}`,
      created: Math.floor(Date.now() / 1000),
      model: returned,
      system_fingerprint: `fp_${shortHash(returned, 10)}`,
    };
    const uncached = usage.prompt_tokens - usage.prompt_tokens_details.cached_tokens;
    const cost =
      (((uncached + usage.prompt_tokens_details.cached_tokens * 0.5) * model.inputPrice +
        usage.completion_tokens * model.outputPrice) /
        1e6) *
      behavior.costMultiplier;
    const headers = {
      'openai-model': returned,
      'x-sim-cost-usd': cost.toFixed(8),
      'x-sim-cost-multiplier': String(behavior.costMultiplier),
    };
    if (request.stream) {
      const chunks = streamChunks(
        envelope,
        outcome,
        request.stream_options?.include_usage === true,
      );
      return { kind: 'sse', chunks, headers };
    }
    return {
      kind: 'json',
      headers,
      body: {
        ...envelope,
        object: 'chat.completion',
        choices: outcome.choices,
        usage: outcome.usage,
        service_tier: 'default',
      },
    };
  },
};
