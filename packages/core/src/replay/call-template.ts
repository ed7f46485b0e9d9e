import type { ChatRequest, WireMessage } from './chat-request.js';
import { contextText } from './context-region.js';
import type { RecordedCall } from './recorded-call.js';

/** Stands for the context block in a template; never sent. */
export const CONTEXT_SLOT = '\u0000glassbox-context\u0000';

/** A call split into what a prompt author writes and the documents retrieval put into it. */
export interface CallTemplate {
  /** System and developer messages, the context block replaced by CONTEXT_SLOT. */
  instructions: WireMessage[];
  /** Every other message (user turns, assistant turns, tool results), in order. */
  conversation: WireMessage[];
  /** The context block's text, '' when the call had none. */
  context: string;
}

const INSTRUCTION_ROLES = new Set(['system', 'developer']);

/** Splits a recorded call's messages into instructions, conversation and context. */
export function templateOf(call: RecordedCall): CallTemplate {
  const { messages } = call.request;
  const region = call.context;
  const slotted = messages.map((m, i) => {
    if (!region || i !== region.messageIndex) return m;
    const content = m.content ?? '';
    return {
      ...m,
      content: content.slice(0, region.start) + CONTEXT_SLOT + content.slice(region.end),
    };
  });
  return {
    instructions: slotted.filter((m) => INSTRUCTION_ROLES.has(m.role)),
    conversation: slotted.filter((m) => !INSTRUCTION_ROLES.has(m.role)),
    context: region ? contextText(messages, region) : '',
  };
}

/** The messages of a template with its context slot filled. */
export function fillTemplate(
  instructions: readonly WireMessage[],
  conversation: readonly WireMessage[],
  context: string,
): WireMessage[] {
  return [...instructions, ...conversation].map((m) =>
    m.content?.includes(CONTEXT_SLOT)
      ? { ...m, content: m.content.split(CONTEXT_SLOT).join(context) }
      : m,
  );
}

/** A deep copy of a request, so plans never share message objects. */
export function cloneRequest(request: ChatRequest): ChatRequest {
  return JSON.parse(JSON.stringify(request)) as ChatRequest;
}
