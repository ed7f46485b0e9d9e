import type { DetectionStore } from '@glassbox/store';
import type { onRequestAsyncHookHandler } from 'fastify';
import { errorBodySchema, scopedErrorResponses } from '../api/api-schemas.js';

/** What every detection route module needs: the store and the project hook. */
export interface DetectionRouteContext {
  store: DetectionStore;
  onRequest: onRequestAsyncHookHandler;
}

export const TAGS = ['detection'];
export const withErrors = { ...scopedErrorResponses, 404: errorBodySchema };
