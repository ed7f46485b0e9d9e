import { DetectError } from './detect-error.js';
import type { DetectorParams } from './detector.js';

/** One parameter a detector accepts: its type, range, default and meaning. */
export type ParamSpec =
  | {
      type: 'number';
      /** Smallest accepted value; `exclusive` makes it a strict bound. */
      min: number;
      exclusive?: boolean;
      /** Largest accepted value (strict when `exclusiveMax`). */
      max?: number;
      exclusiveMax?: boolean;
      integer?: boolean;
      /** Absent when the detector derives the value (e.g. p0 from the baseline). */
      default?: number;
      description: string;
    }
  | { type: 'choice'; values: readonly string[]; default: string; description: string };

/** The parameters one detector declares, by name. */
export type ParamSpecs = Readonly<Record<string, ParamSpec>>;

/** A positive count of requests (or blocks, or dimensions). */
export const count = (description: string, fallback?: number): ParamSpec => ({
  type: 'number',
  min: 1,
  integer: true,
  ...(fallback === undefined ? {} : { default: fallback }),
  description,
});

/** A probability or share, strictly between 0 and 1. */
export const probability = (description: string, fallback?: number): ParamSpec => ({
  type: 'number',
  min: 0,
  exclusive: true,
  max: 1,
  exclusiveMax: true,
  ...(fallback === undefined ? {} : { default: fallback }),
  description,
});

/** A positive real number. */
export const positive = (description: string, fallback?: number): ParamSpec => ({
  type: 'number',
  min: 0,
  exclusive: true,
  ...(fallback === undefined ? {} : { default: fallback }),
  description,
});

/** Observations without an alarm (or an active condition) before an alarm resolves. */
export const DEFAULT_RESOLVE_AFTER = 500;

/** Parameters every monitor takes, whatever its detector. */
export const MONITOR_PARAMS: ParamSpecs = {
  resolveAfter: count(
    'matching requests in control before an alert resolves',
    DEFAULT_RESOLVE_AFTER,
  ),
};

function describeRange(spec: Extract<ParamSpec, { type: 'number' }>): string {
  const low = `${spec.exclusive ? '>' : '>='} ${spec.min}`;
  const high = spec.max === undefined ? '' : ` and ${spec.exclusiveMax ? '<' : '<='} ${spec.max}`;
  return `${spec.integer ? 'a whole number' : 'a number'} ${low}${high}`;
}

function checkValue(spec: ParamSpec, value: unknown): string | undefined {
  if (spec.type === 'choice') {
    return typeof value === 'string' && spec.values.includes(value)
      ? undefined
      : `must be one of ${spec.values.join(', ')}`;
  }
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (spec.exclusive ? value > spec.min : value >= spec.min) &&
    (spec.max === undefined || (spec.exclusiveMax ? value < spec.max : value <= spec.max)) &&
    (!spec.integer || Number.isInteger(value));
  return ok ? undefined : `must be ${describeRange(spec)}`;
}

/**
 * Checks a monitor's `params` against its detector's declared parameters (plus
 * MONITOR_PARAMS). An unknown or misplaced parameter, or a value out of range, is a
 * DetectError `invalid_monitor` naming the parameter and the detector.
 *
 * @example
 * checkParams('ewma', EWMA_PARAMS, { h: 3 }, 'monitor.params');
 * // throws: monitor.params.h: ewma has no parameter h (it belongs to tabular_cusum); ...
 */
export function checkParams(
  detector: string,
  specs: ParamSpecs,
  input: unknown,
  path: string,
  ownersOf: (name: string) => readonly string[] = () => [],
): DetectorParams {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new DetectError('invalid_monitor', `${path}: must be an object`, path);
  }
  const all: ParamSpecs = { ...specs, ...MONITOR_PARAMS };
  const out: Record<string, number | string> = {};
  for (const [name, value] of Object.entries(input)) {
    const at = `${path}.${name}`;
    const spec = all[name];
    if (!spec) {
      const owners = ownersOf(name);
      const belongs = owners.length > 0 ? ` (it belongs to ${owners.join(', ')})` : '';
      throw new DetectError(
        'invalid_monitor',
        `${at}: ${detector} has no parameter ${name}${belongs}; its parameters are ${Object.keys(all).join(', ')}`,
        at,
      );
    }
    const problem = checkValue(spec, value);
    if (problem) throw new DetectError('invalid_monitor', `${at}: ${problem}`, at);
    out[name] = value as number | string;
  }
  return out;
}
