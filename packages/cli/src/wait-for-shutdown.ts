const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Resolves with the reason to stop: the first SIGINT or SIGTERM, or `abort` when the given
 * signal aborts. A second SIGINT/SIGTERM while shutting down exits at once, for the person
 * whose shutdown hangs.
 *
 * @example
 * const reason = await waitForShutdown(); // 'SIGINT' after Ctrl-C
 */
export function waitForShutdown(abort?: AbortSignal): Promise<string> {
  return new Promise((resolve) => {
    const finish = (reason: string) => {
      for (const name of SIGNALS) process.off(name, handlers[name]);
      abort?.removeEventListener('abort', onAbort);
      for (const name of SIGNALS) process.once(name, forceExit);
      resolve(reason);
    };
    const handlers = {
      SIGINT: () => finish('SIGINT'),
      SIGTERM: () => finish('SIGTERM'),
    };
    const onAbort = () => finish('abort');
    if (abort?.aborted) return finish('abort');
    for (const name of SIGNALS) process.once(name, handlers[name]);
    abort?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Removes the second-signal handlers once shutdown finished, so nothing leaks into tests. */
export function clearForceExit(): void {
  for (const name of SIGNALS) process.off(name, forceExit);
}

function forceExit(): void {
  process.stderr.write('glassbox: second signal, exiting without finishing shutdown\n');
  process.exit(130);
}
