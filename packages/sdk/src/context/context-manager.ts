import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import type { Context } from '@opentelemetry/api';

let manager: AsyncLocalStorageContextManager | undefined;

/**
 * The SDK's own async-context manager. It is separate from the global OpenTelemetry one so
 * Glassbox propagates sessions, tags and parent spans even when the application runs its own
 * OpenTelemetry setup (or none); `init({ registerGlobal: true })` makes it the global one.
 */
export function contextManager(): AsyncLocalStorageContextManager {
  if (!manager) {
    manager = new AsyncLocalStorageContextManager();
    manager.enable();
  }
  return manager;
}

export function activeContext(): Context {
  return contextManager().active();
}

/** Runs `fn` with `ctx` active, across every await inside it. */
export function runWithContext<T>(ctx: Context, fn: () => T): T {
  return contextManager().with(ctx, fn);
}
