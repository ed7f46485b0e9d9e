import type { RecordedModelCall } from '@glassbox/core/replay';
import type { OpenAIChatChunk } from '../openai/openai-types.js';

/** Characters per content chunk: small enough that a streaming UI sees several deltas. */
const CHUNK_CHARS = 24;

/**
 * A recorded model call as the chunks a streamed chat completion sends: the role, the content
 * in pieces, each tool call (name and arguments), the finish reason, and the usage chunk when
 * the request asked for it (`stream_options.include_usage`).
 *
 * @example recordedChunks(recorded, false).map((c) => c.choices?.[0]?.delta?.content).join('')
 */
export function recordedChunks(
  recorded: RecordedModelCall,
  includeUsage: boolean,
): OpenAIChatChunk[] {
  const base = {
    id: `replay-${recorded.spanId}`,
    model: recorded.model,
    object: 'chat.completion.chunk',
    created: 0,
  };
  const chunk = (
    delta: NonNullable<NonNullable<OpenAIChatChunk['choices']>[number]['delta']>,
    finish: string | null = null,
  ): OpenAIChatChunk => ({
    ...base,
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  const chunks: OpenAIChatChunk[] = [chunk({ role: 'assistant', content: '' })];
  for (let i = 0; i < recorded.content.length; i += CHUNK_CHARS)
    chunks.push(chunk({ content: recorded.content.slice(i, i + CHUNK_CHARS) }));
  recorded.toolCalls.forEach((call, index) => {
    chunks.push(
      chunk({
        tool_calls: [
          {
            index,
            id: call.id ?? `call_replay_${index}`,
            function: { name: call.name, arguments: '' },
          },
        ],
      }),
    );
    chunks.push(chunk({ tool_calls: [{ index, function: { arguments: call.arguments } }] }));
  });
  chunks.push(chunk({}, recorded.finishReason));
  if (includeUsage)
    chunks.push({
      ...base,
      choices: [],
      usage: {
        prompt_tokens: recorded.usage.input,
        completion_tokens: recorded.usage.output,
        total_tokens: recorded.usage.input + recorded.usage.output,
      },
    });
  return chunks;
}

/** The slice of the `openai` client's `Stream` a replayed program may use. */
export interface RecordedStream extends AsyncIterable<OpenAIChatChunk> {
  controller: AbortController;
  toReadableStream(): ReadableStream<Uint8Array>;
}

/**
 * A recorded model call served as a stream, for a replayed program that streams: iterated
 * with `for await`, or read as the newline-delimited JSON `toReadableStream()` gives.
 *
 * @example for await (const chunk of recordedStream(recorded, false)) process(chunk)
 */
export function recordedStream(recorded: RecordedModelCall, includeUsage: boolean): RecordedStream {
  const chunks = recordedChunks(recorded, includeUsage);
  const controller = new AbortController();
  return {
    controller,
    async *[Symbol.asyncIterator]() {
      for (const chunk of chunks) {
        if (controller.signal.aborted) return;
        yield chunk;
      }
    },
    toReadableStream() {
      const encoder = new TextEncoder();
      return new ReadableStream<Uint8Array>({
        start(stream) {
          for (const chunk of chunks) stream.enqueue(encoder.encode(`${JSON.stringify(chunk)}\n`));
          stream.close();
        },
      });
    },
  };
}
