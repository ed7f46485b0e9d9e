import { readFileSync } from 'node:fs';
import type { ReplayRecording } from '@glassbox/core/replay';
import { reportInternal } from '../runtime/active-sdk.js';
import { ReplaySession } from './replay-session.js';

/** Set by `glassbox replay TRACE_ID -- command`: the recording of the run to replay. */
export const REPLAY_FILE_ENV = 'GLASSBOX_REPLAY_FILE';

let session: ReplaySession | undefined;
let loadedFrom: string | undefined;

/**
 * The replay this process runs under, when `GLASSBOX_REPLAY_FILE` names a recording; read
 * once. A recording that cannot be read is reported and the program runs live (never a
 * crash inside the app).
 */
export function activeReplay(env: NodeJS.ProcessEnv = process.env): ReplaySession | undefined {
  const file = env[REPLAY_FILE_ENV];
  if (!file) return undefined;
  if (loadedFrom === file) return session;
  loadedFrom = file;
  session = undefined;
  try {
    const recording = JSON.parse(readFileSync(file, 'utf8')) as ReplayRecording;
    if (!Array.isArray(recording.modelCalls) || !Array.isArray(recording.toolCalls)) {
      throw new Error('not a replay recording (modelCalls and toolCalls expected)');
    }
    session = new ReplaySession(recording);
  } catch (error) {
    reportInternal(`reading the replay recording ${file}`, error);
  }
  return session;
}
