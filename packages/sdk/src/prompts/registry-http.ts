/** A failed call to the registry: the HTTP status when the server answered, else none. */
export class RegistryHttpError extends Error {
  override readonly name = 'RegistryHttpError';

  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface RegistryHttpOptions {
  endpoint: string;
  apiKey?: string;
  /** Longest a single call may take before it is abandoned. */
  timeoutMs: number;
}

/**
 * One JSON call to the Glassbox API with a deadline; any failure is a RegistryHttpError
 * carrying the server's error message when it sent one.
 *
 * @example
 * const version = await registryCall(options, 'GET', '/api/artifacts/prompt/support');
 */
export async function registryCall<T>(
  options: RegistryHttpOptions,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  timeoutMs = options.timeoutMs,
  signal?: AbortSignal,
): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (options.apiKey !== undefined) headers.authorization = `Bearer ${options.apiKey}`;
  const deadline = AbortSignal.timeout(timeoutMs);
  let res: Response;
  try {
    res = await fetch(`${options.endpoint}${path}`, {
      method,
      headers,
      signal: signal ? AbortSignal.any([deadline, signal]) : deadline,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RegistryHttpError(`${method} ${path}: ${reason}`, undefined, { cause: error });
  }
  const text = await res.text().catch(() => '');
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (res.ok) return parsed as T;
  const message = (parsed as { error?: { message?: string } } | undefined)?.error?.message;
  throw new RegistryHttpError(
    `${method} ${path}: ${res.status} ${message ?? ''}`.trim(),
    res.status,
  );
}
