import type { RetrievedDocument } from '../model/span.js';
import type { ChatRequest } from './chat-request.js';
import { cloneRequest, CONTEXT_SLOT, fillTemplate, templateOf } from './call-template.js';
import { renderDocuments } from './context-region.js';
import type { RecordedCall } from './recorded-call.js';
import { ReplayError } from './replay-error.js';

/** Request parameters an override may set (null removes the recorded value). */
export const OVERRIDABLE_PARAMETERS = [
  'temperature',
  'top_p',
  'frequency_penalty',
  'presence_penalty',
  'seed',
  'max_tokens',
] as const;
export type OverridableParameter = (typeof OVERRIDABLE_PARAMETERS)[number];

/**
 * What a replay changes; everything else is sent as recorded.
 *
 * @example { model: 'gpt-4o', parameters: { temperature: 0.2 }, systemPrompt: 'Answer from the sources.' }
 */
export interface ReplayOverrides {
  model?: string;
  parameters?: Partial<Record<OverridableParameter, number | null>> & { stop?: string[] | null };
  /**
   * Replaces the instructions (system messages). The recorded context block is kept: where
   * `{{context}}` appears, else after the new prompt.
   */
  systemPrompt?: string;
  /** Replaces the text of recorded messages by index (after the system prompt override). */
  messages?: { index: number; content: string }[];
  /** Replaces the retrieved documents in the prompt (edited, removed, or from another trace). */
  documents?: RetrievedDocument[];
  /** Replaces the tool definitions (OpenAI `tools` entries or `{ name, description, parameters }`). */
  tools?: unknown[];
  toolChoice?: unknown;
  responseFormat?: unknown;
}

/** A request to send, with the names of what differs from the recording. */
export interface ReplayPlan {
  traceId: string;
  spanId: string;
  request: ChatRequest;
  overridden: string[];
}

/**
 * The request a replay sends: the recorded call with the overrides applied.
 *
 * @example
 * planReplay(readRecordedCall(span, spans), { model: 'gpt-4o' }).request.model // 'gpt-4o'
 */
export function planReplay(call: RecordedCall, overrides: ReplayOverrides = {}): ReplayPlan {
  const request = cloneRequest(call.request);
  const overridden: string[] = [];
  const template = templateOf(call);
  let instructions = template.instructions;
  let context = template.context;

  if (overrides.model !== undefined) {
    if (overrides.model.trim() === '')
      throw new ReplayError('invalid_override', 'model must be a non-empty model id');
    request.model = overrides.model;
    overridden.push('model');
  }
  if (overrides.systemPrompt !== undefined) {
    const hadSlot = instructions.some((m) => m.content?.includes(CONTEXT_SLOT));
    const text = overrides.systemPrompt.includes('{{context}}')
      ? overrides.systemPrompt.split('{{context}}').join(CONTEXT_SLOT)
      : hadSlot
        ? `${overrides.systemPrompt}\n${CONTEXT_SLOT}`
        : overrides.systemPrompt;
    instructions = [{ role: 'system', content: text }];
    overridden.push('system prompt');
  }
  if (overrides.documents !== undefined) {
    if (!call.context)
      throw new ReplayError(
        'invalid_override',
        `documents cannot be replaced: the recorded prompt of span ${call.spanId} does not quote its retrieved documents`,
      );
    context = renderDocuments(overrides.documents);
    overridden.push('documents');
  }
  request.messages = fillTemplate(instructions, template.conversation, context);

  for (const edit of overrides.messages ?? []) {
    const target = request.messages[edit.index];
    if (!Number.isInteger(edit.index) || !target)
      throw new ReplayError(
        'invalid_override',
        `messages[].index ${edit.index} does not exist: the request has ${request.messages.length} messages (0 to ${request.messages.length - 1})`,
      );
    target.content = edit.content;
    overridden.push(`message ${edit.index}`);
  }
  for (const [key, value] of Object.entries(overrides.parameters ?? {})) {
    if (key === 'stop') {
      if (value === null || (Array.isArray(value) && value.length === 0)) delete request.stop;
      else request.stop = (value as string[]).map(String);
    } else if (OVERRIDABLE_PARAMETERS.includes(key as OverridableParameter)) {
      if (value === null) delete request[key as OverridableParameter];
      else if (typeof value === 'number' && Number.isFinite(value))
        request[key as OverridableParameter] = value;
      else throw new ReplayError('invalid_override', `parameters.${key} must be a number or null`);
    } else
      throw new ReplayError(
        'invalid_override',
        `parameters.${key} is not a replayable parameter (known: ${[...OVERRIDABLE_PARAMETERS, 'stop'].join(', ')})`,
      );
    overridden.push(key);
  }
  if (overrides.tools !== undefined) {
    if (overrides.tools.length === 0) delete request.tools;
    else
      request.tools = overrides.tools.map((t) =>
        t && typeof t === 'object' && (t as { type?: unknown }).type === 'function'
          ? t
          : { type: 'function', function: t },
      );
    overridden.push('tools');
  }
  if (overrides.toolChoice !== undefined) {
    request.tool_choice = overrides.toolChoice;
    overridden.push('tool_choice');
  }
  if (overrides.responseFormat !== undefined) {
    request.response_format = overrides.responseFormat;
    overridden.push('response_format');
  }
  return { traceId: call.traceId, spanId: call.spanId, request, overridden };
}
