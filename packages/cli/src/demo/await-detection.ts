import { setTimeout as delay } from 'node:timers/promises';
import type { Storage } from '@glassbox/store';

export interface AwaitDetectionOptions {
  projectId: string;
  /** Event time of the last request sent; detection has caught up once it is observed. */
  lastEventMs: number;
  /** The detection job's tick interval: one more tick files what the last one observed. */
  intervalMs: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Waits `ms`, or less when the signal aborts. */
const sleep = (ms: number, signal?: AbortSignal) =>
  delay(ms, undefined, signal ? { signal } : {}).catch(() => undefined);

/**
 * Waits until the server's detection job has read the last request of the run, every
 * enabled monitor has evaluated it, and two more ticks have passed, so its alerts and
 * incidents are filed. Returns false on timeout.
 */
export async function awaitDetection(
  storage: Storage,
  options: AwaitDetectionOptions,
): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline && !options.signal?.aborted) {
    const seen = await storage.detection.listObservations({
      projectId: options.projectId,
      from: options.lastEventMs,
      limit: 1,
    });
    if (seen.length > 0 && (await everyMonitorRead(storage, options))) {
      await sleep(2 * options.intervalMs, options.signal);
      return true;
    }
    await sleep(250, options.signal);
  }
  return false;
}

/**
 * Whether every monitor has evaluated up to the last request: reading observations is not
 * enough, since a tick with many (segment) charts files its alerts well after it read them.
 */
async function everyMonitorRead(
  storage: Storage,
  options: AwaitDetectionOptions,
): Promise<boolean> {
  const monitors = await storage.detection.listMonitors(options.projectId);
  return monitors
    .filter((m) => m.definition.enabled)
    .every((m) => (m.progress?.watermark?.ms ?? -Infinity) >= options.lastEventMs);
}
