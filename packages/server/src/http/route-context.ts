import type { RouteContract } from '@glassbox/core/api';
import type { Storage } from '@glassbox/store';
import type { ContractHandler } from './contract-route.js';

/** What every project-scoped route module gets. */
export interface RouteContext {
  storage: Storage;
  /**
   * Registers a route of the contract whose caller's project is resolved before the body is
   * read (see projectHook).
   */
  route: <R extends RouteContract>(contract: R, handler: ContractHandler<R>) => void;
}
