import type { ModelParameters, Span } from '../model/span.js';
import { makeFinding, type Finding } from './failure-categories.js';
import { metadataValue, parseNumber } from './span-text.js';

/**
 * Sampling parameters compared with their expected values. The expected value of `<name>`
 * is `glassbox.metadata.expected_<name>`, else the version snapshot's `param.<name>`
 * (`glassbox.version.param.temperature` and so on).
 */
export const SAMPLING_PARAMETERS: ReadonlyArray<readonly [string, keyof ModelParameters]> = [
  ['temperature', 'temperature'],
  ['top_p', 'topP'],
  ['top_k', 'topK'],
  ['max_tokens', 'maxTokens'],
  ['seed', 'seed'],
];

const VERSION_SUFFIX = /-(\d{4}-\d{2}-\d{2}|\d{8}|\d{4}|latest)$/;

/**
 * Whether a served model is the expected one. A bare alias matches its dated snapshots
 * (`gpt-4o` ~ `gpt-4o-2024-08-06`); two different snapshots or two different bases do not.
 *
 * @example
 * modelMatches('gpt-4o', 'openai/gpt-4o-2024-08-06'); // true
 * modelMatches('gpt-4o', 'gpt-4o-mini'); // false
 */
export function modelMatches(expected: string, actual: string): boolean {
  const a = bare(expected);
  const b = bare(actual);
  if (a === b) return true;
  const [baseA, verA] = split(a);
  const [baseB, verB] = split(b);
  if (baseA !== baseB) return false;
  return verA === undefined || verB === undefined || verA === 'latest' || verB === 'latest';
}

function bare(model: string): string {
  const m = model.trim().toLowerCase();
  return m.slice(m.lastIndexOf('/') + 1).replace(/:latest$/, '');
}

function split(model: string): [string, string | undefined] {
  const m = VERSION_SUFFIX.exec(model);
  return m ? [model.slice(0, m.index), m[1]] : [model, undefined];
}

/**
 * The model served differs from the pinned one, and sampling parameters differ from the
 * snapshot. The pinned model is `glassbox.metadata.expected_model`, else the snapshot's
 * `model` artifact, else the requested model (a provider or gateway serving another model).
 */
export function versionFindings(span: Span): Finding[] {
  if (span.kind !== 'llm') return [];
  const out: Finding[] = [];
  const pinnedFrom = metadataValue(span, 'expected_model')
    ? 'metadata.expected_model'
    : span.versions.model
      ? 'versions.model'
      : 'requestModel';
  const pinned = metadataValue(span, 'expected_model') ?? span.versions.model ?? span.requestModel;
  const served = span.responseModel ?? span.requestModel;
  if (pinned && served && !modelMatches(pinned, served)) {
    out.push(
      makeFinding(
        'model_version_mismatch',
        [span.spanId],
        `${span.name}: served by ${served}, expected ${pinned}`,
        {
          expectedModel: pinned,
          expectedFrom: pinnedFrom,
          requestModel: span.requestModel ?? null,
          responseModel: span.responseModel ?? null,
        },
      ),
    );
  }
  const diffs: string[] = [];
  const evidence: Finding['evidence'] = {};
  for (const [name, key] of SAMPLING_PARAMETERS) {
    const expected =
      parseNumber(metadataValue(span, `expected_${name}`)) ??
      parseNumber(span.versions[`param.${name}`]);
    const actual = span.parameters[key];
    if (expected === undefined || typeof actual !== 'number' || Math.abs(expected - actual) <= 1e-9)
      continue;
    diffs.push(`${name} ${actual} (expected ${expected})`);
    evidence[name] = actual;
    evidence[`expected_${name}`] = expected;
  }
  if (diffs.length > 0) {
    out.push(
      makeFinding(
        'sampling_parameters_mismatch',
        [span.spanId],
        `${span.name}: ${diffs.join(', ')}`,
        evidence,
      ),
    );
  }
  return out;
}
