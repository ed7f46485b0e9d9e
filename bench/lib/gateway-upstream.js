// A child process for bench/gateway.js: the mock OpenAI-compatible upstream (one fixed chat
// completion, answered at once) and an OTLP sink standing in for Glassbox. Prints its port.
import { createServer } from 'node:http';

const completion = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'gpt-4o-mini-2024-07-18',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: 'Refunds take 5 business days.' },
      finish_reason: 'stop',
    },
  ],
  usage: { prompt_tokens: 42, completion_tokens: 9, total_tokens: 51 },
});
let spans = 0;
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (req.url === '/v1/traces') {
      spans += 1;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 2 });
      return res.end('{}');
    }
    if (req.url === '/stats') {
      const body = JSON.stringify({ traceBatches: spans });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      return res.end(body);
    }
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(completion),
      'x-request-id': 'req_bench',
    });
    res.end(completion);
  });
});
server.keepAliveTimeout = 120_000;
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
