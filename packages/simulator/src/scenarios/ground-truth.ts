import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FailureCategory, Layer } from '@glassbox/core/classify';

/** The traces of one phase of a scenario run. */
export interface PhaseRecord {
  /** Simulated epoch ms of the first and last request. */
  fromMs: number;
  toMs: number;
  requests: number;
  /** Requests whose app call threw (step limits, timeouts the app gave up on). */
  errors: number;
  traceIds: string[];
}

/** What really happened in a scenario run: the answer key for detection and diagnosis. */
export interface GroundTruth {
  scenario: string;
  seed: number;
  /** False when the run was stopped before both phases finished (the record covers what ran). */
  completed: boolean;
  /** Simulated epoch ms when the change was applied. */
  onsetMs: number;
  onsetIso: string;
  affectedSegment: string;
  /** The affected segment as segment keys; empty: all traffic of `serviceName`. */
  segmentKeys: Record<string, string>;
  failingLayer: Layer;
  rootCause: string;
  changes: string[];
  expectedCategories: FailureCategory[];
  detectionSignal: string;
  serviceName: string;
  healthy: PhaseRecord;
  incident: PhaseRecord;
}

/**
 * Writes the record to `<dataDir>/ground-truth/<scenario>-seed<seed>.json`; returns the path.
 *
 * @example await writeGroundTruth('.glassbox', record)
 */
export async function writeGroundTruth(dataDir: string, record: GroundTruth): Promise<string> {
  const dir = join(dataDir, 'ground-truth');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${record.scenario}-seed${record.seed}.json`);
  await writeFile(path, `${JSON.stringify(record, null, 2)}\n`);
  return path;
}
