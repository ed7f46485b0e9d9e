import { createContextKey } from '@opentelemetry/api';
import type { VersionSnapshot } from '@glassbox/core/model';
import { activeContext, runWithContext } from '../context/context-manager.js';
import { getGlassboxValues, mergeValues, setGlassboxValues } from '../context/glassbox-context.js';
import type { OutputExpectation } from '../validation/check-output-format.js';

/** Per-call settings for instrumented model calls made inside `withCallOptions`. */
export interface CallOptions {
  /** Validate the output; a failure is recorded as status `invalid_response`, never thrown. */
  expect?: OutputExpectation;
  /** The prompt template this call rendered. */
  prompt?: { name?: string; version?: string };
  /** Versions for this call only (merged over `init` and context versions). */
  versions?: VersionSnapshot;
}

const KEY = createContextKey('glassbox.call-options');

/**
 * Runs `fn` with call options applied to the model calls made inside it.
 *
 * @example
 * const res = await withCallOptions(
 *   { expect: { format: 'json', schema }, prompt: { name: 'extract', version: '3' } },
 *   () => openai.chat.completions.create({ model, messages }),
 * );
 */
export function withCallOptions<T>(options: CallOptions, fn: () => T): T {
  let ctx = activeContext().setValue(KEY, { ...currentCallOptions(), ...options });
  if (options.prompt?.version !== undefined) {
    options = { ...options, versions: { prompt: options.prompt.version, ...options.versions } };
  }
  if (options.versions)
    ctx = setGlassboxValues(
      ctx,
      mergeValues(getGlassboxValues(ctx), { versions: options.versions }),
    );
  return runWithContext(ctx, fn);
}

export function currentCallOptions(): CallOptions {
  return (activeContext().getValue(KEY) as CallOptions | undefined) ?? {};
}
