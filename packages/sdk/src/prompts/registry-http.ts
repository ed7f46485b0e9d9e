import { unrefRequestJson } from './unref-request.js';

export { RegistryHttpError } from './registry-http-error.js';

export interface RegistryHttpOptions {
  endpoint: string;
  apiKey?: string;
  /** Longest a single call may take before it is abandoned. */
  timeoutMs: number;
}

/**
 * One JSON call to the Glassbox API with a deadline, on a socket that never keeps the app's
 * process alive; any failure is a RegistryHttpError with the server's message when it sent one.
 *
 * @example
 * const version = await registryCall(options, 'GET', '/api/artifacts/prompt/support');
 */
export function registryCall<T>(
  options: RegistryHttpOptions,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.apiKey !== undefined) headers.authorization = `Bearer ${options.apiKey}`;
  return unrefRequestJson<T>(
    method,
    `${options.endpoint}${path}`,
    headers,
    body === undefined ? undefined : JSON.stringify(body),
    options.timeoutMs,
  );
}
