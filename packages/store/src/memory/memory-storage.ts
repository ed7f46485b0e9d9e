import { MemoryDetectionStore } from '../detection/memory-detection-store.js';
import { memoryGuardStores } from '../guards/guard-stores.js';
import type { Storage } from '../storage.js';
import { MemoryProjectStore } from './memory-project-store.js';
import { MemoryTraceStore } from './memory-trace-store.js';

/**
 * A Storage held in memory: the supported test double for every package's tests.
 *
 * @example
 * const storage = createMemoryStorage();
 * await storage.traces.writeSpans(spans);
 */
export function createMemoryStorage(): Storage {
  const traces = new MemoryTraceStore();
  const projects = new MemoryProjectStore();
  return {
    backend: 'memory',
    traces,
    projects,
    detection: new MemoryDetectionStore(traces),
    guards: memoryGuardStores(),
    close: () => traces.close(),
  };
}
