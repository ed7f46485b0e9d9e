import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { handleAdminRequest } from './admin-routes.js';
import { chatRoute } from './chat-route.js';
import { embeddingsRoute } from './embeddings-route.js';
import { handleProviderRequest } from './handle-provider-request.js';
import { sendError, sendJson } from './http-io.js';
import { sendExecution } from './tool-executions.js';
import { toolsRoute } from './tools-route.js';
import { ProviderError } from './provider-error.js';
import type { SimulatorState } from './simulator-state.js';

/**
 * The simulator's HTTP server over a state object: the OpenAI-compatible `/v1` routes, the
 * side-effect tool route and the admin API.
 */
export function createSimulatorServer(state: SimulatorState): Server {
  return createServer((req, res) => {
    route(req, res, state).catch((error: unknown) => {
      sendError(
        res,
        new ProviderError('server_error', `The simulator failed: ${(error as Error).message}`),
      );
    });
  });
}

async function route(
  req: IncomingMessage,
  res: ServerResponse,
  state: SimulatorState,
): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://simulator').pathname.replace(/\/+$/, '') || '/';
  const method = req.method ?? 'GET';
  if (await handleAdminRequest(req, res, path, state)) return;
  if (method === 'POST' && path === '/v1/chat/completions') {
    return handleProviderRequest(chatRoute, req, res, state, null);
  }
  if (method === 'POST' && path === '/v1/embeddings') {
    return handleProviderRequest(embeddingsRoute, req, res, state, null);
  }
  const execution = /^\/v1\/tools\/([^/]+)\/executions\/([^/]+)$/.exec(path);
  if (method === 'GET' && execution) {
    return sendExecution(
      res,
      state,
      decodeURIComponent(execution[1]!),
      decodeURIComponent(execution[2]!),
    );
  }
  const tool = /^\/v1\/tools\/([^/]+)$/.exec(path)?.[1];
  if (method === 'POST' && tool) {
    return handleProviderRequest(toolsRoute, req, res, state, decodeURIComponent(tool));
  }
  if (method === 'GET' && path === '/v1/models') {
    return sendJson(res, 200, { object: 'list', data: state.config.models.map(modelObject) });
  }
  const modelId = /^\/v1\/models\/(.+)$/.exec(path)?.[1];
  if (method === 'GET' && modelId) {
    const model = state.config.models.find((m) => m.id === decodeURIComponent(modelId));
    if (model) return sendJson(res, 200, modelObject(model));
    return sendError(
      res,
      new ProviderError(
        'model_not_found',
        `The model '${decodeURIComponent(modelId)}' does not exist`,
        { param: 'model' },
      ),
    );
  }
  if (method === 'GET' && path === '/health') return sendJson(res, 200, { status: 'ok' });
  sendError(res, new ProviderError('not_found', `Invalid URL (${method} ${path})`));
}

function modelObject(model: { id: string }) {
  return { id: model.id, object: 'model', created: 1_715_000_000, owned_by: 'glassbox-simulator' };
}
