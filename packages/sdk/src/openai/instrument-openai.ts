import type { RecordedModelCall } from '@glassbox/core/replay';
import { activeReplay } from '../replay/active-replay.js';
import { recordedCompletion } from '../replay/recorded-completion.js';
import { recordedStream } from '../replay/recorded-stream.js';
import { reportInternal } from '../runtime/active-sdk.js';
import { ChatCall, type ClientInfo } from './chat-call.js';
import { describeChatRequest } from './chat-request.js';
import { describeChatCompletion } from './chat-response.js';
import { EmbeddingsCall } from './embeddings-call.js';
import { instrumentChatStream } from './instrument-stream.js';
import { observeApiPromise } from './observe-api-promise.js';
import type {
  OpenAIChatCompletion,
  OpenAIChatRequest,
  OpenAIEmbeddingRequest,
  OpenAILike,
} from './openai-types.js';

export interface InstrumentOpenAIOptions {
  /** `gen_ai.provider.name`; default `openai` (set it for compatible providers: `azure.ai.openai`, `groq`...). */
  provider?: string;
}

const INSTRUMENTED = Symbol.for('glassbox.sdk.instrumented');

type AnyFn = (this: unknown, ...args: unknown[]) => unknown;

/**
 * Instruments an official `openai` client in place (and returns it): every
 * `chat.completions.create` (plain and streaming) and `embeddings.create` call produces a span
 * with the full call log. Return values and errors are exactly what the client gives; calling
 * it twice on one client is harmless.
 *
 * @example
 * const openai = instrumentOpenAI(new OpenAI());
 * const res = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages });
 */
export function instrumentOpenAI<T extends OpenAILike>(
  client: T,
  options: InstrumentOpenAIOptions = {},
): T {
  try {
    const marked = client as T & { [INSTRUMENTED]?: boolean };
    if (marked[INSTRUMENTED]) return client;
    const info = clientInfo(client, options);
    patch(client.chat.completions, (original, target, args) =>
      chatCreate(original, target, args, info),
    );
    if (client.embeddings)
      patch(client.embeddings, (original, target, args) =>
        embeddingsCreate(original, target, args, info),
      );
    Object.defineProperty(marked, INSTRUMENTED, { value: true });
  } catch (error) {
    reportInternal('instrumenting an OpenAI client', error);
  }
  return client;
}

function patch(
  resource: { create: unknown },
  wrap: (original: AnyFn, target: unknown, args: unknown[]) => unknown,
): void {
  const original = resource.create as AnyFn;
  resource.create = function instrumentedCreate(this: unknown, ...args: unknown[]) {
    return wrap(original, this, args);
  };
}

function chatCreate(original: AnyFn, target: unknown, args: unknown[], info: ClientInfo): unknown {
  const body = args[0] as OpenAIChatRequest | undefined;
  const call = body && typeof body === 'object' ? ChatCall.start(body, info) : undefined;
  const served = body && typeof body === 'object' ? servedFromReplay(body) : undefined;
  if (served) {
    // The replayed program asked what the original asked: answer from the recording, as a
    // stream when it asked for one.
    call?.markReplay('recorded');
    call?.succeed(describeChatCompletion(recordedCompletion(served)), undefined);
    return Promise.resolve(
      body?.stream === true
        ? recordedStream(served, body.stream_options?.include_usage === true)
        : recordedCompletion(served),
    );
  }
  if (activeReplay()) call?.markReplay('live');
  if (!call) return original.apply(target, args);
  let result: unknown;
  try {
    result = original.apply(target, args);
  } catch (error) {
    call.fail(error);
    throw error;
  }
  return observeApiPromise(result, {
    onData: (data, response) => {
      const requestId = requestIdOf(data, response);
      if (body?.stream === true) return instrumentChatStream(data, call, requestId);
      call.succeed(describeChatCompletion(data as OpenAIChatCompletion), requestId);
      return data;
    },
    onError: (error) => call.fail(error),
  });
}

/** In a whole-run replay, the recorded call for this request while the run follows it. */
function servedFromReplay(body: OpenAIChatRequest): RecordedModelCall | undefined {
  return activeReplay()?.serveModelCall(describeChatRequest(body).inputMessages);
}

function embeddingsCreate(
  original: AnyFn,
  target: unknown,
  args: unknown[],
  info: ClientInfo,
): unknown {
  const body = args[0] as OpenAIEmbeddingRequest | undefined;
  const call = body && typeof body === 'object' ? EmbeddingsCall.start(body, info) : undefined;
  if (!call) return original.apply(target, args);
  let result: unknown;
  try {
    result = original.apply(target, args);
  } catch (error) {
    call.fail(error);
    throw error;
  }
  return observeApiPromise(result, {
    onData: (data, response) => {
      call.succeed(data as Parameters<EmbeddingsCall['succeed']>[0], requestIdOf(data, response));
      return data;
    },
    onError: (error) => call.fail(error),
  });
}

function requestIdOf(
  data: unknown,
  response: { headers?: { get(name: string): string | null } } | undefined,
): string | undefined {
  const fromHeader = response?.headers?.get('x-request-id');
  if (fromHeader) return fromHeader;
  const fromData = (data as { _request_id?: unknown } | null)?._request_id;
  return typeof fromData === 'string' && fromData !== '' ? fromData : undefined;
}

function clientInfo(client: OpenAILike, options: InstrumentOpenAIOptions): ClientInfo {
  const info: ClientInfo = { provider: options.provider ?? 'openai' };
  if (typeof client.baseURL === 'string') {
    try {
      const url = new URL(client.baseURL);
      info.serverAddress = url.hostname;
      info.serverPort = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    } catch {
      // A baseURL that is not a URL only costs the server.* attributes.
    }
  }
  return info;
}
