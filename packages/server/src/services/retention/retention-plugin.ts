import type { Storage } from '@glassbox/store';
import type { FastifyInstance } from 'fastify';
import { checkRetentionOptions, type RetentionOptions } from './retention-options.js';
import { RetentionSweeper, type WriteTurn } from './retention-sweeper.js';
import { startRetentionThread, type RetentionThread } from './retention-thread.js';

/**
 * Runs the retention sweep from the moment the server is ready until it closes: on its own
 * worker thread and connection for SQLite and PostgreSQL; in-process for memory storage,
 * which no other thread can reach.
 *
 * @example
 * await retentionPlugin(app, { storage, retention: { intervalMs: 60_000 } });
 */
export async function retentionPlugin(
  app: FastifyInstance,
  options: {
    storage: Storage;
    retention?: RetentionOptions;
    /** Grants each batch its turn to write (the ingest writer's `betweenCommits`). */
    writeTurn?: WriteTurn;
  },
): Promise<void> {
  // Checked here, so a bad setting stops the server starting rather than the worker later.
  const settings = checkRetentionOptions(options.retention ?? {});
  if (!settings.enabled) return;
  const { storage, writeTurn } = options;
  const onError = (error: unknown) => app.log.error({ err: error }, 'retention sweep failed');
  const onSweep = (result: unknown) => app.log.info({ result }, 'retention sweep');
  if (storage.location !== undefined) {
    // Started without holding up readiness: opening a second connection (and a worker) can
    // take seconds on a busy machine, and nothing waits for the first sweep.
    let starting: Promise<RetentionThread | undefined> | undefined;
    app.addHook('onReady', async () => {
      starting = startRetentionThread(
        storage.location!,
        settings,
        onError,
        onSweep,
        writeTurn,
      ).catch((error: unknown) => {
        onError(error);
        return undefined;
      });
    });
    app.addHook('onClose', async () => (await starting)?.stop());
    return;
  }
  const sweeper = new RetentionSweeper(storage, {
    ...settings,
    onError,
    onSweep,
    ...(writeTurn ? { writeTurn } : {}),
  });
  app.addHook('onReady', async () => sweeper.start());
  app.addHook('onClose', () => sweeper.stop());
}
