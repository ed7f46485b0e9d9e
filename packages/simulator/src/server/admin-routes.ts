import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConfigError } from '../config/config-error.js';
import { readJsonBody, sendError, sendJson } from './http-io.js';
import { ProviderError } from './provider-error.js';
import type { SimulatorState } from './simulator-state.js';

/**
 * The admin API: `GET /admin/config`, `PUT /admin/config` (a partial config, merged; 400
 * naming the bad field), `POST /admin/reset`, `GET /admin/stats`. Returns false when the
 * path is not an admin route.
 */
export async function handleAdminRequest(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  state: SimulatorState,
): Promise<boolean> {
  const route = `${req.method ?? 'GET'} ${path}`;
  switch (route) {
    case 'GET /admin/config':
      sendJson(res, 200, state.config);
      return true;
    case 'PUT /admin/config':
    case 'PATCH /admin/config':
      try {
        const { value } = await readJsonBody(req);
        sendJson(res, 200, state.update(value ?? {}));
      } catch (error) {
        if (error instanceof ConfigError) {
          sendError(
            res,
            new ProviderError('invalid_config', error.message, { param: error.field }),
          );
        } else if (error instanceof ProviderError) {
          sendError(res, error);
        } else throw error;
      }
      return true;
    case 'POST /admin/reset':
      state.reset();
      sendJson(res, 200, { ok: true, config: state.config });
      return true;
    case 'GET /admin/stats':
      sendJson(res, 200, state.stats);
      return true;
    default:
      if (path.startsWith('/admin/')) {
        sendError(res, new ProviderError('not_found', `Invalid URL (${route})`));
        return true;
      }
      return false;
  }
}
