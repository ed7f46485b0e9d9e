import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny OpenAI-compatible server for tests; the requested model picks the behaviour:
 * `gpt-4o-mini` answers, `json-model` answers JSON content, `filtered` stops on content_filter,
 * `rate-limited` 429, `too-long` 400 context_length_exceeded, `slow` waits 2 s,
 * `boom` 500. Streams (stream: true) send content and tool-call deltas as SSE.
 */
export interface FakeOpenAIServer {
  baseURL: string;
  requests: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startFakeOpenAIServer(): Promise<FakeOpenAIServer> {
  const requests: Array<Record<string, unknown>> = [];
  const server: Server = createServer((req, res) => {
    void readJson(req).then((body) => {
      requests.push(body);
      handle(req.url ?? '', body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function handle(url: string, body: Record<string, unknown>, res: ServerResponse): void {
  const model = String(body.model);
  if (url.endsWith('/embeddings')) {
    const vector = [0.1, 0.2, 0.3];
    const embedding =
      body.encoding_format === 'base64'
        ? Buffer.from(new Float32Array(vector).buffer).toString('base64')
        : vector;
    return json(res, 200, {
      object: 'list',
      model: 'text-embedding-3-small',
      data: [{ object: 'embedding', index: 0, embedding }],
      usage: { prompt_tokens: 8, total_tokens: 8 },
    });
  }
  if (model === 'rate-limited') {
    return json(
      res,
      429,
      {
        error: {
          message: 'Rate limit reached for requests',
          type: 'requests',
          code: 'rate_limit_exceeded',
        },
      },
      { 'retry-after': '0' },
    );
  }
  if (model === 'too-long') {
    return json(res, 400, {
      error: {
        message:
          "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.",
        type: 'invalid_request_error',
        param: 'messages',
        code: 'context_length_exceeded',
      },
    });
  }
  if (model === 'boom')
    return json(res, 500, { error: { message: 'The server had an error', type: 'server_error' } });
  if (model === 'slow') {
    const timer = setTimeout(() => json(res, 200, completion(model, 'late', 'stop')), 2000);
    res.on('close', () => clearTimeout(timer));
    return;
  }
  if (body.stream === true) return stream(res, model);
  if (model === 'json-model')
    return json(res, 200, completion(model, String(lastUser(body)), 'stop'));
  if (model === 'filtered') return json(res, 200, completion(model, '', 'content_filter'));
  return json(
    res,
    200,
    completion('gpt-4o-mini-2024-07-18', 'Refunds take 5 business days.', 'stop'),
  );
}

function completion(model: string, content: string, finishReason: string): Record<string, unknown> {
  return {
    id: 'chatcmpl-abc123',
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    system_fingerprint: 'fp_1',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null },
        logprobs: null,
        finish_reason: finishReason,
      },
    ],
    usage: {
      prompt_tokens: 1000,
      completion_tokens: 500,
      total_tokens: 1500,
      prompt_tokens_details: { cached_tokens: 200 },
    },
  };
}

function stream(res: ServerResponse, model: string): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'x-request-id': 'req_stream_1' });
  const base = {
    id: 'chatcmpl-s1',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: 'gpt-4o-mini-2024-07-18',
  };
  const chunks = [
    { choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
    { choices: [{ index: 0, delta: { content: 'Let me ' }, finish_reason: null }] },
    { choices: [{ index: 0, delta: { content: 'check.' }, finish_reason: null }] },
    {
      choices: [
        {
          index: 0,
          delta: {
            tool_calls: [
              {
                index: 0,
                id: 'call_1',
                type: 'function',
                function: { name: 'get_order', arguments: '' },
              },
            ],
          },
          finish_reason: null,
        },
      ],
    },
    {
      choices: [
        {
          index: 0,
          delta: { tool_calls: [{ index: 0, function: { arguments: '{"order' } }] },
          finish_reason: null,
        },
      ],
    },
    {
      choices: [
        {
          index: 0,
          delta: { tool_calls: [{ index: 0, function: { arguments: '_id":"A1"}' } }] },
          finish_reason: null,
        },
      ],
    },
    { choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
    { choices: [], usage: { prompt_tokens: 50, completion_tokens: 12, total_tokens: 62 } },
  ];
  let i = 0;
  const send = (): void => {
    if (model === 'broken-stream' && i === 3) {
      res.destroy();
      return;
    }
    const chunk = chunks[i++];
    if (!chunk) {
      res.end('data: [DONE]\n\n');
      return;
    }
    res.write(`data: ${JSON.stringify({ ...base, ...chunk })}\n\n`);
    setTimeout(send, 2);
  };
  setTimeout(send, 20);
}

function lastUser(body: Record<string, unknown>): unknown {
  const messages = body.messages as Array<{ content?: unknown }>;
  return messages[messages.length - 1]?.content;
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    'x-request-id': `req_${status}`,
    ...headers,
  });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}
