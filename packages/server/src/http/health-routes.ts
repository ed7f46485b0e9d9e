import { createRequire } from 'node:module';
import { API_ROUTES } from '@glassbox/core/api';
import type { Storage, StorageProbe } from '@glassbox/store';
import type { FastifyInstance } from 'fastify';
import { contractRoute } from './contract-route.js';
import { diskFreeBytes } from './data-routes.js';

// src/ and dist/ both sit one level below the package root.
const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/** The server's own version, from its package.json. */
export const SERVER_VERSION = version;

/** How long health waits for the database before calling it unreachable. */
const PROBE_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), PROBE_TIMEOUT_MS);
  });
  return Promise.race([work.catch(() => fallback), late]).finally(() => clearTimeout(timer));
}

/** Age of the oldest change detection has not taken yet: 0 when none waits, null when unknown. */
function lagOf(backlog: { oldestMs: number | null } | undefined, nowMs: number): number | null {
  if (backlog === undefined) return null;
  return backlog.oldestMs === null ? 0 : Math.max(0, nowMs - backlog.oldestMs);
}

/**
 * GET /api/health (no key needed: load balancers and the CLI probe it): whether storage
 * answers and takes a write, the ingest queue, how far detection lags, and disk headroom.
 * 503 with the same body when storage fails, so a load balancer can act.
 */
export async function healthRoutes(
  app: FastifyInstance,
  options: { storage: Storage; pendingSpans: () => number },
): Promise<void> {
  const { storage } = options;
  contractRoute(app, API_ROUTES.getHealth, async (_request, reply) => {
    const nowMs = Date.now();
    const unreachable: StorageProbe = {
      reachable: false,
      writable: false,
      error: `no answer within ${PROBE_TIMEOUT_MS} ms`,
    };
    const probe = await withTimeout(storage.maintenance.probe(nowMs), unreachable);
    const healthy = probe.reachable && probe.writable;
    const backlog = healthy
      ? await withTimeout(storage.maintenance.detectionBacklog(), undefined)
      : undefined;
    const databaseBytes = healthy
      ? await withTimeout(storage.maintenance.databaseBytes(), null)
      : null;
    const body = {
      status: healthy ? ('ok' as const) : ('unhealthy' as const),
      storage: storage.backend,
      version: SERVER_VERSION,
      checks: {
        storageReachable: probe.reachable,
        storageWritable: probe.writable,
        ...(probe.error === undefined ? {} : { storageError: probe.error }),
        ingestQueueSpans: options.pendingSpans(),
        backgroundLagMs: lagOf(backlog, nowMs),
        backgroundBacklog: backlog?.count ?? null,
        diskFreeBytes: await diskFreeBytes(storage).catch(() => null),
        databaseBytes,
      },
    };
    return healthy ? body : reply.code(503).send(body);
  });
}
