import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { GuardError, LeasedBudgetLedger } from '@glassbox/core/guards';
import type { GatewayRuntime } from '../gateway-runtime.js';
import { handleCompletion } from '../proxy/handle-completion.js';
import { UpstreamAbort, sendUpstream, readBody } from '../upstream/send-upstream.js';
import { resolveCaller } from './authenticate.js';
import { GatewayHttpError, sendGatewayError } from './gateway-http-error.js';

const MAX_BODY_BYTES = 32 * 1024 * 1024;

/**
 * The gateway's HTTP server: the OpenAI-compatible routes (`/v1/chat/completions`,
 * `/v1/embeddings`, `/v1/models`), `/metrics` and `/health`. A thin edge: it reads the
 * request, resolves the caller and hands over to the proxy.
 */
export function createGatewayServer(rt: GatewayRuntime): Server {
  const server = createServer((req, res) => {
    const started = performance.now();
    const path = pathOf(req.url);
    route(rt, req, res, path)
      .catch((error: unknown) => {
        if (error instanceof GuardError)
          return sendGatewayError(res, error.status, error.code, error.message);
        if (error instanceof GatewayHttpError)
          return sendGatewayError(res, error.status, error.code, error.message, error.headers);
        sendGatewayError(
          res,
          500,
          'gateway_error',
          `the gateway failed: ${(error as Error).message}`,
        );
      })
      .finally(() => {
        rt.metrics.observeLatency(performance.now() - started);
        rt.metrics.requests.inc(METRIC_PATHS.has(path) ? path : 'other', String(res.statusCode));
      });
  });
  server.keepAliveTimeout = 65_000;
  return server;
}

async function route(
  rt: GatewayRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  const method = req.method ?? 'GET';
  if (method === 'GET' && path === '/health')
    return json(res, 200, { status: 'ok', breakers: rt.breakers.states(Date.now()) });
  if (method === 'GET' && path === '/metrics') {
    const text = renderMetrics(rt);
    res.writeHead(200, {
      'content-type': 'text/plain; version=0.0.4; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
    return;
  }
  const completion =
    path === '/v1/chat/completions' ? 'chat' : path === '/v1/embeddings' ? 'embeddings' : null;
  if (completion && method === 'POST') {
    const caller = await resolveCaller(req, rt.options.authenticate);
    const raw = await readRequest(req);
    return handleCompletion(rt, req, res, completion, raw, caller);
  }
  if (method === 'GET' && (path === '/v1/models' || path.startsWith('/v1/models/'))) {
    await resolveCaller(req, rt.options.authenticate);
    return models(rt, req, res, path);
  }
  if (completion)
    throw new GatewayHttpError(405, 'method_not_allowed', `${method} is not allowed on ${path}`);
  throw new GatewayHttpError(404, 'not_found', `no route ${method} ${path}`);
}

/** `/v1/models`: the routed models, or the first provider's list when nothing is routed. */
async function models(
  rt: GatewayRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  const ids = [
    ...new Set([...Object.keys(rt.config.routes), ...rt.config.providers.flatMap((p) => p.models)]),
  ];
  if (ids.length === 0) {
    const provider = rt.config.providers[0]!;
    const abort = new UpstreamAbort();
    const deadline = abort.after(provider.timeouts.requestMs);
    const upstream = await sendUpstream({
      provider,
      path: path.slice(3),
      method: 'GET',
      body: null,
      headers: req.headers,
      apiKey: rt.apiKey(provider.apiKeyEnv),
      abort,
    });
    const body = await readBody(upstream).finally(() => clearTimeout(deadline));
    res.writeHead(upstream.statusCode ?? 502, {
      'content-type': upstream.headers['content-type'] ?? 'application/json',
      'content-length': body.length,
    });
    res.end(body);
    return;
  }
  const model = (id: string) => ({ id, object: 'model', created: 0, owned_by: 'glassbox-gateway' });
  if (path === '/v1/models') return json(res, 200, { object: 'list', data: ids.map(model) });
  const id = decodeURIComponent(path.slice('/v1/models/'.length));
  if (!ids.includes(id))
    throw new GatewayHttpError(404, 'model_not_found', `The model '${id}' does not exist`);
  json(res, 200, model(id));
}

/** Reads the body with plain listeners: an async iterator per request is a measurable cost. */
function readRequest(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.pause();
        reject(
          new GatewayHttpError(
            413,
            'request_too_large',
            `the request body exceeds ${MAX_BODY_BYTES} bytes`,
          ),
        );
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** The paths counted by name in `glassbox_gateway_requests_total`; the rest count as `other`. */
const METRIC_PATHS = new Set([
  '/v1/chat/completions',
  '/v1/embeddings',
  '/v1/models',
  '/metrics',
  '/health',
]);

/** The request's path without query or trailing slashes. */
function pathOf(url: string | undefined): string {
  if (!url) return '/';
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  return path.endsWith('/') ? path.replace(/\/+$/, '') || '/' : path;
}

function renderMetrics(rt: GatewayRuntime): string {
  const now = Date.now();
  const states = rt.breakers.states(now);
  const exporter = rt.exporter?.stats;
  return rt.metrics.render({
    glassbox_gateway_breaker_open: {
      help: 'Circuit breakers by provider/model: 0 closed, 1 open, 0.5 half-open.',
      series: Object.entries(states).map(([key, state]) => [
        { breaker: key },
        state === 'open' ? 1 : state === 'half-open' ? 0.5 : 0,
      ]),
    },
    glassbox_gateway_resident_memory_bytes: {
      help: 'Resident set size of the gateway process.',
      series: [[{}, process.memoryUsage.rss()]],
    },
    glassbox_gateway_spans_exported: {
      help: 'Spans sent to Glassbox.',
      series: [[{}, exporter?.exported ?? 0]],
    },
    glassbox_gateway_budget_ledger_calls: {
      help: 'Calls to the shared budget ledger (leased slices: far fewer than requests).',
      series: [
        [{}, rt.stores.ledger instanceof LeasedBudgetLedger ? rt.stores.ledger.sharedCalls : 0],
      ],
    },
    glassbox_gateway_spans_dropped: {
      help: 'Spans dropped (queue full or Glassbox unreachable).',
      series: [[{}, exporter?.dropped ?? 0]],
    },
  });
}
