import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GLASSBOX_ATTRIBUTES } from '@glassbox/core/model';
import { modelInputKey, type ReplayRecording } from '@glassbox/core/replay';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { traceToolCall } from '../helpers/trace-tool-call.js';
import { describeChatRequest } from '../openai/chat-request.js';
import { instrumentOpenAI } from '../openai/instrument-openai.js';
import type { OpenAIChatRequest } from '../openai/openai-types.js';
import {
  startFakeOpenAIServer,
  type FakeOpenAIServer,
} from '../../test/support/fake-openai-server.js';
import { memorySdk, type MemorySdk } from '../../test/support/memory-sdk.js';
import { REPLAY_FILE_ENV } from './active-replay.js';
import { looksLikeSideEffect } from './replay-session.js';

let server: FakeOpenAIServer;
let sdk: MemorySdk;
const dir = mkdtempSync(join(tmpdir(), 'gbx-replay-'));
beforeAll(async () => {
  server = await startFakeOpenAIServer();
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  delete process.env[REPLAY_FILE_ENV];
  await sdk.handle.shutdown();
});

const SYSTEM = { role: 'system' as const, content: 'You book bike repairs.' };
const ASK = { role: 'user' as const, content: 'Book a repair at 10:00.' };
const BOOK_CALL = { id: 'call_1', name: 'book_repair', arguments: '{"slot":"10:00"}' };

/** A two-step booking agent: the model asks for book_repair, then confirms. */
async function bookingAgent(client: OpenAI, ask: typeof ASK, executions: { count: number }) {
  const messages: OpenAI.ChatCompletionMessageParam[] = [SYSTEM, ask];
  const first = await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
  const call = first.choices[0]!.message.tool_calls?.[0];
  if (!call || call.type !== 'function') return first.choices[0]!.message.content;
  const result = await traceToolCall(
    { name: call.function.name, arguments: call.function.arguments, sideEffect: true },
    () => {
      executions.count++;
      return { booking: `BK-${executions.count}` };
    },
  );
  messages.push(first.choices[0]!.message, {
    role: 'tool',
    tool_call_id: call.id,
    content: JSON.stringify(result),
  });
  const second = await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
  return second.choices[0]!.message.content;
}

const key = (messages: OpenAIChatRequest['messages']) =>
  modelInputKey(describeChatRequest({ model: 'gpt-4o-mini', messages }).inputMessages);

/** What the original run recorded: the tool call, the booking, and the confirmation. */
function recording(): ReplayRecording {
  const toolTurn = [
    SYSTEM,
    ASK,
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        {
          id: 'call_1',
          type: 'function',
          function: { name: BOOK_CALL.name, arguments: BOOK_CALL.arguments },
        },
      ],
    },
    { role: 'tool', tool_call_id: 'call_1', content: '{"booking":"BK-1"}' },
  ];
  return {
    traceId: 'a'.repeat(32),
    modelCalls: [
      {
        spanId: '1'.repeat(16),
        inputKey: key([SYSTEM, ASK]),
        model: 'gpt-4o-mini-2024-07-18',
        content: '',
        toolCalls: [BOOK_CALL],
        finishReason: 'tool_calls',
        usage: { input: 40, output: 12 },
      },
      {
        spanId: '2'.repeat(16),
        inputKey: key(toolTurn),
        model: 'gpt-4o-mini-2024-07-18',
        content: 'Booked: BK-1 at 10:00.',
        toolCalls: [],
        finishReason: 'stop',
        usage: { input: 60, output: 8 },
      },
    ],
    toolCalls: [
      {
        spanId: '3'.repeat(16),
        name: 'book_repair',
        arguments: BOOK_CALL.arguments,
        result: '{"booking":"BK-1"}',
      },
    ],
  };
}

function replayFrom(rec: ReplayRecording, name: string): OpenAI {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(rec));
  process.env[REPLAY_FILE_ENV] = file;
  sdk = memorySdk();
  return instrumentOpenAI(new OpenAI({ apiKey: 'test', baseURL: server.baseURL, maxRetries: 0 }));
}

describe('whole-run replay in the SDK', () => {
  it('serves the recorded calls while the run asks the same, and never repeats the booking', async () => {
    const client = replayFrom(recording(), 'same');
    const before = server.requests.length;
    const executions = { count: 0 };
    const answer = await bookingAgent(client, ASK, executions);
    expect(answer).toBe('Booked: BK-1 at 10:00.');
    expect(executions.count).toBe(0);
    expect(server.requests.length).toBe(before);
    const spans = await sdk.spans();
    expect(spans).toHaveLength(3);
    for (const span of spans) {
      expect(span.attributes[GLASSBOX_ATTRIBUTES.replayOfTrace]).toBe('a'.repeat(32));
      expect(span.attributes[GLASSBOX_ATTRIBUTES.replayServed]).toBe('recorded');
    }
  });

  it('goes live from the first changed input, and still does not run the side effect', async () => {
    const client = replayFrom(recording(), 'changed');
    const before = server.requests.length;
    const executions = { count: 0 };
    const answer = await bookingAgent(
      client,
      { role: 'user', content: 'Book a repair at 11:00.' },
      executions,
    );
    // The fake provider answers in plain text: the live run takes another path.
    expect(answer).toBe('Refunds take 5 business days.');
    expect(server.requests.length).toBe(before + 1);
    const [chat] = await sdk.spans();
    expect(chat!.attributes[GLASSBOX_ATTRIBUTES.replayServed]).toBe('live');
  });

  it('serves a streamed call from the recording, chunk by chunk, with usage when asked', async () => {
    const client = replayFrom(recording(), 'streamed');
    const before = server.requests.length;
    const first = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [SYSTEM, ASK],
      stream: true,
    });
    const calls: { id?: string; name: string; arguments: string }[] = [];
    let finish: string | null | undefined;
    for await (const chunk of first) {
      for (const delta of chunk.choices[0]?.delta.tool_calls ?? []) {
        const slot = (calls[delta.index] ??= { name: '', arguments: '' });
        if (delta.id) slot.id = delta.id;
        slot.name += delta.function?.name ?? '';
        slot.arguments += delta.function?.arguments ?? '';
      }
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(calls).toEqual([BOOK_CALL]);
    expect(finish).toBe('tool_calls');
    const second = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        SYSTEM,
        ASK,
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: BOOK_CALL.name, arguments: BOOK_CALL.arguments },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '{"booking":"BK-1"}' },
      ],
      stream: true,
      stream_options: { include_usage: true },
    });
    const pieces: string[] = [];
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of second) {
      pieces.push(chunk.choices[0]?.delta.content ?? '');
      usage = chunk.usage ?? usage;
    }
    expect(pieces.join('')).toBe('Booked: BK-1 at 10:00.');
    expect(pieces.filter(Boolean).length).toBeGreaterThan(0);
    expect(usage).toMatchObject({ prompt_tokens: 60, completion_tokens: 8, total_tokens: 68 });
    expect(server.requests.length).toBe(before);
    const spans = await sdk.spans();
    expect(spans).toHaveLength(2);
    for (const span of spans)
      expect(span.attributes[GLASSBOX_ATTRIBUTES.replayServed]).toBe('recorded');
  });

  it('sends a streamed call live once the input changed', async () => {
    const client = replayFrom(recording(), 'streamed-live');
    const before = server.requests.length;
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [SYSTEM, { role: 'user', content: 'Book a repair at 11:00.' }],
      stream: true,
    });
    for await (const chunk of stream) void chunk;
    expect(server.requests.length).toBe(before + 1);
    const [chat] = await sdk.spans();
    expect(chat!.attributes[GLASSBOX_ATTRIBUTES.replayServed]).toBe('live');
  });

  it('answers a side effect without a recorded result with "not executed in replay"', async () => {
    replayFrom({ ...recording(), toolCalls: [] }, 'no-result');
    let ran = false;
    const result = traceToolCall({ name: 'send_email', arguments: { to: 'a@b.c' } }, () => {
      ran = true;
      return 'sent';
    });
    expect(ran).toBe(false);
    expect(result).toMatchObject({ status: 'not executed in replay' });
    const read = traceToolCall({ name: 'check_booking_status', arguments: {} }, () => 'open');
    expect(read).toBe('open');
    const spans = await sdk.spans();
    expect(spans[0]!.attributes[GLASSBOX_ATTRIBUTES.replayServed]).toBe('skipped');
  });

  it('outside a replay changes nothing', async () => {
    sdk = memorySdk();
    let ran = 0;
    traceToolCall({ name: 'book_repair', sideEffect: true }, () => ran++);
    expect(ran).toBe(1);
    const [span] = await sdk.spans();
    expect(span!.attributes[GLASSBOX_ATTRIBUTES.replayOfTrace]).toBeUndefined();
  });
});

describe('looksLikeSideEffect', () => {
  it.each([
    ['book_repair', true],
    ['sendEmail', true],
    ['refund-order', true],
    ['check_booking_status', false],
    ['search_docs', false],
    ['get_weather', false],
  ])('%s -> %s', (name, expected) => {
    expect(looksLikeSideEffect(name)).toBe(expected);
  });
});
