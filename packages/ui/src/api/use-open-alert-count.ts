import { API_ROUTES, searchParamsOf } from '@glassbox/core/api';
import { useEffect, useState } from 'react';
import { api } from './api-client.js';

/**
 * The number of open alerts, refreshed every `everyMs` and whenever `key` changes (the
 * path, so acknowledging an alert updates the badge on the next page). Undefined while
 * unknown or when the server cannot say (no detection API, no key).
 */
export function useOpenAlertCount(key: string, everyMs = 15_000): number | undefined {
  const [count, setCount] = useState<number>();
  useEffect(() => {
    const controller = new AbortController();
    const load = () =>
      api
        .listAlerts(
          searchParamsOf(API_ROUTES.listAlerts, { status: 'open', limit: 1000 }),
          controller.signal,
        )
        .then(
          (r) => setCount(r.items.length),
          () => {
            if (!controller.signal.aborted) setCount(undefined);
          },
        );
    void load();
    const timer = setInterval(load, everyMs);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [key, everyMs]);
  return count;
}
