import type { VersionSnapshot } from '../model/span.js';
import { cloneRequest } from './call-template.js';
import type { ChatRequest } from './chat-request.js';
import type { RecordedCall } from './recorded-call.js';
import { ReplayError } from './replay-error.js';

/** Request parameters a snapshot pins as `param.<name>`. */
const PINNABLE = [
  'temperature',
  'top_p',
  'frequency_penalty',
  'presence_penalty',
  'seed',
  'max_tokens',
] as const;

/** A good reference built from a version snapshot, and which snapshot keys it could not use. */
export interface SnapshotCall {
  call: RecordedCall;
  /** Snapshot keys set on the request, e.g. `model`, `param.temperature`. */
  applied: string[];
  /** Keys it names whose content a request cannot take from the snapshot (a prompt version id). */
  ignored: { key: string; reason: string }[];
}

/**
 * The good call a version snapshot describes: the bad call with the snapshot's pinned model
 * (`model`) and sampling (`param.temperature`, `param.top_p`, ...) set, everything else as
 * recorded. Throws a ReplayError when the snapshot pins nothing a request can carry, or a
 * parameter that is not a number.
 *
 * @example snapshotCall(badCall, { model: 'gpt-4o-mini-2024-07-18', 'param.temperature': '0.2' }).applied
 * // ['model', 'param.temperature']
 */
export function snapshotCall(bad: RecordedCall, snapshot: VersionSnapshot): SnapshotCall {
  const request: ChatRequest = cloneRequest(bad.request);
  const applied: string[] = [];
  const ignored: SnapshotCall['ignored'] = [];
  for (const [key, value] of Object.entries(snapshot)) {
    if (key === 'model') {
      request.model = value;
      applied.push(key);
      continue;
    }
    const name = key.startsWith('param.') ? key.slice('param.'.length) : undefined;
    const parameter = PINNABLE.find((p) => p === name);
    if (parameter) {
      const number = Number(value);
      if (value.trim() === '' || !Number.isFinite(number))
        throw new ReplayError(
          'invalid_bisection',
          `the snapshot's ${key} is '${value}', not a number`,
        );
      request[parameter] = number;
      applied.push(key);
      continue;
    }
    ignored.push({
      key,
      reason: name
        ? `a replay cannot set ${name}`
        : `names version '${value}' of ${key}; its content is not in the snapshot`,
    });
  }
  if (applied.length === 0)
    throw new ReplayError(
      'invalid_bisection',
      `the version snapshot pins nothing a replay can set (model, param.temperature, param.top_p, ...)${ignored.length > 0 ? `: ${ignored.map((i) => `${i.key} ${i.reason}`).join('; ')}` : ''}`,
    );
  const call: RecordedCall = { ...bad, request };
  delete call.responseModel;
  return { call, applied, ignored };
}
