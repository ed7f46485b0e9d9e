import type { AttributeValue } from '../model/attributes.js';
import type { OtlpEvent } from '../model/otlp-span.js';
import type { Message } from '../model/span.js';
import { asArray, asCount, asString, isRecord } from './attribute-values.js';
import { chatMessage } from './chat-message.js';
import { parseOtelMessages, parseSystemInstructions } from './otel-messages.js';

/** gen_ai messages found in span events (or OTLP log records appended as events). */
export interface EventMessages {
  input: Message[];
  output: Message[];
  finishReasons: string[];
}

const INPUT_EVENTS: Record<string, string> = {
  'gen_ai.system.message': 'system',
  'gen_ai.user.message': 'user',
  'gen_ai.assistant.message': 'assistant',
  'gen_ai.tool.message': 'tool',
};

/**
 * Extracts gen_ai messages from the event-based conventions, in event order:
 * per-message events (`gen_ai.user.message`, ..., `gen_ai.choice`, body in `event.body`),
 * the deprecated `gen_ai.content.prompt` / `gen_ai.content.completion` events, and
 * `gen_ai.client.inference.operation.details` with `gen_ai.input.messages` /
 * `gen_ai.output.messages`. The event name falls back to the `event.name` attribute.
 *
 * @example
 * extractEventMessages([{ name: 'gen_ai.user.message', timeUnixNano: '1',
 *   attributes: { 'event.body': { content: 'Hi' } } }]);
 * // => { input: [{ role: 'user', content: 'Hi' }], output: [], finishReasons: [] }
 */
export function extractEventMessages(events: readonly OtlpEvent[]): EventMessages {
  const input: Message[] = [];
  const choices: { index: number; message: Message }[] = [];
  const finishReasons: string[] = [];
  for (const event of events) {
    const attributes = isRecord(event.attributes) ? event.attributes : {};
    const name = eventName(event.name, attributes);
    const body = isRecord(attributes['event.body']) ? attributes['event.body'] : attributes;
    const role = INPUT_EVENTS[name];
    if (role) {
      const message = chatMessage(body, role);
      if (message) input.push({ ...message, role: asString(body.role) ?? role });
    } else if (name === 'gen_ai.choice') {
      const choice = choiceMessage(body);
      if (!choice) continue;
      choices.push(choice);
      const finish = asString(body.finish_reason);
      if (finish) finishReasons.push(finish);
    } else if (name === 'gen_ai.content.prompt') {
      input.push(...legacyMessages(attributes['gen_ai.prompt'], 'user'));
    } else if (name === 'gen_ai.content.completion') {
      const messages = legacyMessages(attributes['gen_ai.completion'], 'assistant');
      for (const message of messages) choices.push({ index: choices.length, message });
    } else if (name === 'gen_ai.client.inference.operation.details') {
      const system = parseSystemInstructions(attributes['gen_ai.system_instructions']);
      if (system) input.push(system);
      input.push(...parseOtelMessages(attributes['gen_ai.input.messages']).messages);
      const output = parseOtelMessages(attributes['gen_ai.output.messages']);
      for (const message of output.messages) choices.push({ index: choices.length, message });
      finishReasons.push(...output.finishReasons);
    }
  }
  const output = choices.sort((a, b) => a.index - b.index).map((choice) => choice.message);
  return { input, output, finishReasons };
}

function eventName(name: string, attributes: Record<string, AttributeValue>): string {
  if (typeof name === 'string' && name.startsWith('gen_ai.')) return name;
  return asString(attributes['event.name']) ?? (typeof name === 'string' ? name : '');
}

function choiceMessage(body: Record<string, AttributeValue>) {
  const raw = isRecord(body.message) ? body.message : {};
  const message = chatMessage(raw, 'assistant');
  if (!message) return undefined;
  return { index: asCount(body.index) ?? 0, message };
}

function legacyMessages(value: AttributeValue | undefined, role: string): Message[] {
  const list = asArray(value);
  if (!list) {
    const single = chatMessage(value, role);
    return single ? [single] : [];
  }
  return list.map((item) => chatMessage(item, role)).filter((m): m is Message => m !== undefined);
}
