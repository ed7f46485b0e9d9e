// A child process for bench/gateway.js: the floor any Node.js proxy pays — an http server
// that forwards each request over a keep-alive agent and pipes the answer back, nothing else.
// Usage: node bare-proxy.js UPSTREAM_PORT
import { Agent, createServer, request } from 'node:http';

const agent = new Agent({ keepAlive: true, maxSockets: 256 });
const port = Number(process.argv[2]);
const server = createServer((req, res) => {
  const upstream = request(
    { host: '127.0.0.1', port, path: req.url, method: req.method, headers: req.headers, agent },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    res.writeHead(502);
    res.end();
  });
  req.pipe(upstream);
});
server.keepAliveTimeout = 120_000;
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
// SIGINT ends it cleanly, so a profile taken with --cpu-prof is written.
process.on('SIGINT', () => process.exit(0));
