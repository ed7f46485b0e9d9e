import { useEffect, useState } from 'react';
import { ApiRequestError } from './api-client.js';

/** The state of one request: loading, its data, or its error. */
export type ApiState<T> =
  { status: 'loading' } | { status: 'ok'; data: T } | { status: 'error'; error: ApiRequestError };

/**
 * Runs `load` whenever `key` changes, aborting the previous request so a slow answer never
 * overwrites a newer one.
 */
export function useApi<T>(key: string, load: (signal: AbortSignal) => Promise<T>): ApiState<T> {
  const [state, setState] = useState<ApiState<T>>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ok', data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const apiError =
          error instanceof ApiRequestError
            ? error
            : new ApiRequestError(0, 'client', String(error));
        setState({ status: 'error', error: apiError });
      },
    );
    return () => controller.abort();
    // `load` is re-created each render; `key` names what it fetches, so only it is a dependency.
  }, [key]);
  return state;
}
