import { CliError } from './cli-error.js';
import type { CliContext } from './cli-context.js';
import { envValue } from './env-value.js';

/** Where a command finds the Glassbox server: `--url`, GLASSBOX_ENDPOINT, or loopback. */
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:4318';

export interface ServerClient {
  url: string;
  call<T>(method: string, path: string, body?: unknown): Promise<T>;
}

/**
 * A JSON client for the Glassbox API that turns answers into what a person at a terminal
 * needs: a 404 is NOT_FOUND with the server's message (which names what exists), another
 * 4xx is REQUEST_REFUSED, a connection failure SERVER_UNREACHABLE naming the URL.
 *
 * @example
 * const server = serverClient('prompts', { url: undefined }, context);
 * await server.call('GET', '/api/artifacts');
 */
export function serverClient(
  command: string,
  flags: { url?: string | undefined; 'api-key'?: string | undefined },
  context: CliContext,
): ServerClient {
  const url = (
    flags.url ??
    envValue(context.env, 'GLASSBOX_ENDPOINT') ??
    DEFAULT_SERVER_URL
  ).replace(/\/+$/, '');
  const apiKey = flags['api-key'] ?? envValue(context.env, 'GLASSBOX_API_KEY');
  return {
    url,
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      const headers: Record<string, string> = {};
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (apiKey !== undefined) headers.authorization = `Bearer ${apiKey}`;
      let res: Response;
      try {
        res = await fetch(`${url}${path}`, {
          method,
          headers,
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      } catch (error) {
        const reason =
          error instanceof Error
            ? ((error.cause as Error | undefined)?.message ?? error.message)
            : String(error);
        throw new CliError(
          'SERVER_UNREACHABLE',
          `cannot reach the Glassbox server at ${url} (${reason}); start it with \`glassbox serve\` or pass --url`,
          command,
        );
      }
      const text = await res.text();
      const parsed = text === '' ? undefined : (JSON.parse(text) as unknown);
      if (res.ok) return parsed as T;
      const message =
        (parsed as { error?: { message?: string } } | undefined)?.error?.message ??
        `HTTP ${res.status}`;
      throw new CliError(res.status === 404 ? 'NOT_FOUND' : 'REQUEST_REFUSED', message, command);
    },
  };
}
