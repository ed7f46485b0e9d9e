import type { Storage } from '@glassbox/store';
import type { onRequestAsyncHookHandler } from 'fastify';

/** What every route module gets: the storage and the hook that resolves the caller's project. */
export interface RouteContext {
  storage: Storage;
  /** Resolves the caller's project before the body is read (see projectHook). */
  onRequest: onRequestAsyncHookHandler;
}
