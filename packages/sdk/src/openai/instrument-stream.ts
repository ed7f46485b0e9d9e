import { reportInternal } from '../runtime/active-sdk.js';
import type { ChatCall } from './chat-call.js';
import { ChatStreamAggregator } from './chat-stream-aggregator.js';
import type { OpenAIChatChunk } from './openai-types.js';

/**
 * Instruments an openai `Stream` in place: every consumer (for await, tee, toReadableStream)
 * goes through its `iterator` factory, so wrapping that one function sees every chunk. The
 * span ends when the stream ends, errors, or the consumer stops early.
 */
export function instrumentChatStream<S>(
  stream: S,
  call: ChatCall,
  requestId: string | undefined,
): S {
  const target = stream as unknown as { iterator?: () => AsyncIterator<unknown> };
  if (typeof target.iterator === 'function') {
    const original = target.iterator;
    target.iterator = () => wrapIterator(original.call(stream), call, requestId);
    return stream;
  }
  const iterable = stream as unknown as { [Symbol.asyncIterator]?: () => AsyncIterator<unknown> };
  const originalIterator = iterable[Symbol.asyncIterator];
  if (typeof originalIterator === 'function') {
    iterable[Symbol.asyncIterator] = () =>
      wrapIterator(originalIterator.call(stream), call, requestId);
  }
  return stream;
}

function wrapIterator(
  inner: AsyncIterator<unknown>,
  call: ChatCall,
  requestId: string | undefined,
): AsyncIterator<unknown> {
  const aggregator = new ChatStreamAggregator();
  const observe = (chunk: unknown): void => {
    try {
      call.markChunk(aggregator.add(chunk as OpenAIChatChunk));
    } catch (error) {
      reportInternal('reading a streamed chunk', error);
    }
  };
  return {
    async next(...args: [] | [unknown]) {
      let step: IteratorResult<unknown>;
      try {
        step = await inner.next(...args);
      } catch (error) {
        call.fail(error, aggregator.result());
        throw error;
      }
      if (step.done) call.succeed(aggregator.result(), requestId);
      else observe(step.value);
      return step;
    },
    async return(value?: unknown) {
      call.succeed(aggregator.result(), requestId);
      return inner.return ? inner.return(value) : { done: true, value };
    },
    async throw(error?: unknown) {
      call.fail(error, aggregator.result());
      if (inner.throw) return inner.throw(error);
      throw error;
    },
  };
}
