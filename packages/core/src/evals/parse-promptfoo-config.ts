import type { Assertion, AssertionEntry } from './assertion.js';
import { assertionFromString } from './assertion-from-string.js';
import { checkAssertionType } from './assertion-types.js';
import { EVAL_ERROR_CODES, EvalError } from './eval-error.js';
import type { ConfigSources, EvalSuite, PromptSpec, TestCase, TestOptions } from './eval-suite.js';
import { parseCsv } from './parse-csv.js';
import { parseProviderSpec } from './provider-spec.js';

const TOP_LEVEL = [
  'description',
  'providers',
  'prompts',
  'tests',
  'defaultTest',
  'scenarios',
  'evaluateOptions',
  'outputPath',
  'sharing',
  'tags',
];
const TEST_KEYS = ['description', 'vars', 'assert', 'options', 'metadata', 'threshold'];
const OPTION_KEYS = [
  'provider',
  'prefix',
  'suffix',
  'repeat',
  'disableDefaultAsserts',
  'disableVarExpansion',
];
const ASSERTION_KEYS = ['type', 'value', 'threshold', 'weight', 'metric', 'provider'];
const SET_KEYS = ['type', 'assert', 'threshold', 'weight', 'metric'];
const EVALUATE_KEYS = ['maxConcurrency', 'repeat', 'cache', 'showProgressBar'];
const CSV_SPECIAL = [
  '__expected',
  '__description',
  '__metric',
  '__threshold',
  '__prefix',
  '__suffix',
  '__metadata:',
];

function fail(message: string): EvalError {
  return new EvalError(EVAL_ERROR_CODES.invalidConfig, message);
}

function unsupported(where: string, key: string, known: readonly string[]): EvalError {
  return new EvalError(
    EVAL_ERROR_CODES.unsupportedKey,
    `${where}: key "${key}" is not supported (supported: ${known.join(', ')})`,
  );
}

function mapping(value: unknown, where: string): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw fail(`${where} must be a mapping`);
  return value as Record<string, unknown>;
}

function checkKeys(value: Record<string, unknown>, known: readonly string[], where: string): void {
  for (const key of Object.keys(value))
    if (!known.includes(key)) throw unsupported(where, key, known);
}

function fileRef(value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith('file://') ? value.slice(7) : undefined;
}

function optionalNumber(value: unknown, where: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw fail(`${where} must be a number`);
  return value;
}

function positiveInteger(value: unknown, where: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || (value as number) < 1)
    throw fail(`${where} must be a positive integer, got ${JSON.stringify(value)}`);
  return value as number;
}

/** Validates one assertion or assert-set; unknown keys and types are errors naming them. */
export function parseAssertion(raw: unknown, where: string): AssertionEntry {
  const a = mapping(raw, where);
  checkAssertionType(a.type, where);
  if (a.type === 'assert-set') {
    checkKeys(a, SET_KEYS, where);
    if (!Array.isArray(a.assert) || a.assert.length === 0)
      throw fail(`${where}: an assert-set needs a non-empty "assert" list`);
    return {
      type: 'assert-set',
      assert: a.assert.map((m, i) => {
        const member = parseAssertion(m, `${where}.assert[${i}]`);
        if (member.type === 'assert-set')
          throw fail(`${where}.assert[${i}]: assert-sets do not nest`);
        return member as Assertion;
      }),
      ...numberKeys(a, where),
      ...(a.metric !== undefined ? { metric: String(a.metric) } : {}),
    };
  }
  checkKeys(a, ASSERTION_KEYS, where);
  return {
    type: a.type as string,
    ...(a.value !== undefined ? { value: a.value } : {}),
    ...numberKeys(a, where),
    ...(a.metric !== undefined ? { metric: String(a.metric) } : {}),
    ...(a.provider !== undefined ? { provider: a.provider } : {}),
  };
}

function numberKeys(
  a: Record<string, unknown>,
  where: string,
): { threshold?: number; weight?: number } {
  const threshold = optionalNumber(a.threshold, `${where}.threshold`);
  const weight = optionalNumber(a.weight, `${where}.weight`);
  if (weight !== undefined && weight < 0) throw fail(`${where}.weight must not be negative`);
  return {
    ...(threshold !== undefined ? { threshold } : {}),
    ...(weight !== undefined ? { weight } : {}),
  };
}

function parseOptions(raw: unknown, where: string): TestOptions {
  if (raw === undefined) return {};
  const o = mapping(raw, where);
  checkKeys(o, OPTION_KEYS, where);
  const options: TestOptions = {};
  if (o.provider !== undefined) options.provider = o.provider;
  if (o.prefix !== undefined) options.prefix = String(o.prefix);
  if (o.suffix !== undefined) options.suffix = String(o.suffix);
  if (o.repeat !== undefined) options.repeat = positiveInteger(o.repeat, `${where}.repeat`, 1);
  if (o.disableDefaultAsserts !== undefined)
    options.disableDefaultAsserts = o.disableDefaultAsserts === true;
  if (o.disableVarExpansion !== undefined)
    options.disableVarExpansion = o.disableVarExpansion === true;
  return options;
}

type RawTest = Omit<TestCase, 'source'>;

function parseTest(raw: unknown, where: string, sources: ConfigSources): RawTest {
  const t = mapping(raw, where);
  checkKeys(t, TEST_KEYS, where);
  if (t.assert !== undefined && !Array.isArray(t.assert))
    throw fail(`${where}.assert must be a list`);
  const vars = t.vars === undefined ? {} : resolveVars(mapping(t.vars, `${where}.vars`), sources);
  const threshold = optionalNumber(t.threshold, `${where}.threshold`);
  return {
    ...(t.description !== undefined ? { description: String(t.description) } : {}),
    vars,
    assert: ((t.assert as unknown[] | undefined) ?? []).map((a, i) =>
      parseAssertion(a, `${where}.assert[${i}]`),
    ),
    options: parseOptions(t.options, `${where}.options`),
    metadata: t.metadata === undefined ? {} : mapping(t.metadata, `${where}.metadata`),
    ...(threshold !== undefined ? { threshold } : {}),
  };
}

/** `file://` var values become the file's text, as in promptfoo. */
function resolveVars(
  vars: Record<string, unknown>,
  sources: ConfigSources,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(vars)) {
    const path = fileRef(value);
    out[key] = path === undefined ? value : sources.readText(path);
  }
  return out;
}

/** A CSV row as a test, with promptfoo's `__expected`, `__description`, ... columns. */
function testFromCsvRow(values: Record<string, string>, where: string): RawTest {
  const vars: Record<string, unknown> = {};
  const assert: Assertion[] = [];
  const options: TestOptions = {};
  const metadata: Record<string, unknown> = {};
  let description: string | undefined;
  let metric: string | undefined;
  let threshold: number | undefined;
  for (const [key, value] of Object.entries(values)) {
    if (key.startsWith('__expected')) {
      if (value.trim() !== '') {
        const assertion = assertionFromString(value.trim());
        checkAssertionType(assertion.type, `${where} column ${key}`);
        assert.push(assertion);
      }
    } else if (key === '__description') description = value;
    else if (key === '__metric') metric = value;
    else if (key === '__threshold') threshold = value.trim() === '' ? undefined : Number(value);
    else if (key === '__prefix') options.prefix = value;
    else if (key === '__suffix') options.suffix = value;
    else if (key.startsWith('__metadata:')) {
      if (value.trim() !== '') metadata[key.slice(11)] = value;
    } else if (key.startsWith('__')) throw unsupported(where, key, CSV_SPECIAL);
    else vars[key] = value;
  }
  if (threshold !== undefined && !Number.isFinite(threshold))
    throw fail(`${where}: __threshold is not a number`);
  for (const a of assert) if (metric) a.metric = metric;
  return {
    ...(description ? { description } : {}),
    vars,
    assert,
    options,
    metadata,
    ...(threshold !== undefined ? { threshold } : {}),
  };
}

function testsFromFile(path: string, sources: ConfigSources): { test: RawTest; source: string }[] {
  if (!/\.(csv|jsonl|ya?ml|json)$/.test(path)) {
    throw new EvalError(
      EVAL_ERROR_CODES.unsupportedKey,
      `tests file "${path}" has an unsupported type (supported: .csv, .jsonl, .yaml, .yml, .json)`,
    );
  }
  const text = sources.readText(path);
  if (path.endsWith('.csv')) {
    return parseCsv(text, path).map(({ line, values }) => ({
      test: testFromCsvRow(values, `${path} line ${line}`),
      source: `${path} line ${line}`,
    }));
  }
  if (path.endsWith('.jsonl')) {
    return text.split('\n').flatMap((line, i) => {
      if (line.trim() === '') return [];
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch (error) {
        throw new EvalError(
          EVAL_ERROR_CODES.invalidData,
          `${path} line ${i + 1}: not JSON (${(error as Error).message})`,
        );
      }
      return [
        {
          test: parseTest(parsed, `${path} line ${i + 1}`, sources),
          source: `${path} line ${i + 1}`,
        },
      ];
    });
  }
  if (/\.(ya?ml|json)$/.test(path)) {
    const parsed = sources.parseYaml(text, path);
    const list = Array.isArray(parsed) ? parsed : [parsed];
    return list.map((t, i) => ({
      test: parseTest(t, `${path}[${i}]`, sources),
      source: `${path}[${i}]`,
    }));
  }
  throw new EvalError(
    EVAL_ERROR_CODES.unsupportedKey,
    `tests file "${path}" has an unsupported type (supported: .csv, .jsonl, .yaml, .yml, .json)`,
  );
}

function parseTests(
  raw: unknown,
  where: string,
  sources: ConfigSources,
): { test: RawTest; source: string }[] {
  if (raw === undefined) return [];
  const path = fileRef(raw);
  if (path !== undefined) return testsFromFile(path, sources);
  if (!Array.isArray(raw)) throw fail(`${where} must be a list or a file:// reference`);
  return raw.flatMap((entry, i) => {
    const p = fileRef(entry);
    return p !== undefined
      ? testsFromFile(p, sources)
      : [{ test: parseTest(entry, `${where}[${i}]`, sources), source: `${where}[${i}]` }];
  });
}

function parsePrompts(raw: unknown, sources: ConfigSources): PromptSpec[] {
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) throw fail('config needs at least one prompt in "prompts"');
  return list.flatMap((entry, i): PromptSpec[] => {
    const where = `prompts[${i}]`;
    if (typeof entry === 'string') return promptFromString(entry, entry, sources);
    const p = mapping(entry, where);
    checkKeys(p, ['raw', 'label', 'id'], where);
    const source = typeof p.raw === 'string' ? p.raw : typeof p.id === 'string' ? p.id : undefined;
    if (source === undefined) throw fail(`${where} needs "raw" or "id"`);
    return promptFromString(source, typeof p.label === 'string' ? p.label : source, sources);
  });
}

function promptFromString(text: string, label: string, sources: ConfigSources): PromptSpec[] {
  const path = fileRef(text);
  if (path === undefined) return [{ raw: text, label }];
  const content = sources.readText(path);
  if (path.endsWith('.json')) return [{ raw: content, label }];
  if (/\.(txt|md)$/.test(path)) {
    const parts = content
      .split(/^---$/m)
      .map((p) => p.trim())
      .filter((p) => p !== '');
    return parts.map((raw) => ({
      raw,
      label: parts.length > 1 ? `${label}: ${raw.slice(0, 40)}` : label,
    }));
  }
  throw new EvalError(
    EVAL_ERROR_CODES.unsupportedKey,
    `prompt file "${path}" has an unsupported type (supported: .txt, .md, .json)`,
  );
}

function merge(defaults: RawTest | undefined, test: RawTest, source: string): TestCase {
  const options = { ...(defaults?.options ?? {}), ...test.options };
  const threshold = test.threshold ?? defaults?.threshold;
  return {
    ...(test.description !== undefined ? { description: test.description } : {}),
    vars: { ...(defaults?.vars ?? {}), ...test.vars },
    assert: [
      ...(test.options.disableDefaultAsserts ? [] : (defaults?.assert ?? [])),
      ...test.assert,
    ],
    options,
    metadata: { ...(defaults?.metadata ?? {}), ...test.metadata },
    ...(threshold !== undefined ? { threshold } : {}),
    source,
  };
}

function expandScenarios(
  raw: unknown,
  sources: ConfigSources,
): { test: RawTest; source: string }[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw fail('"scenarios" must be a list');
  return raw.flatMap((s, i) => {
    const where = `scenarios[${i}]`;
    const scenario = mapping(s, where);
    checkKeys(scenario, ['description', 'config', 'tests'], where);
    if (!Array.isArray(scenario.config)) throw fail(`${where}.config must be a list`);
    const configs = scenario.config.map((c, j) => parseTest(c, `${where}.config[${j}]`, sources));
    const tests = parseTests(scenario.tests, `${where}.tests`, sources);
    return configs.flatMap((config, j) =>
      tests.map(({ test, source }) => ({
        test: {
          ...((test.description ?? config.description)
            ? { description: test.description ?? config.description }
            : {}),
          vars: { ...config.vars, ...test.vars },
          assert: [...config.assert, ...test.assert],
          options: { ...config.options, ...test.options },
          metadata: { ...config.metadata, ...test.metadata },
          ...((test.threshold ?? config.threshold) !== undefined
            ? { threshold: test.threshold ?? config.threshold }
            : {}),
        },
        source: `${where}.config[${j}] × ${source}`,
      })),
    );
  });
}

/**
 * Validates a parsed promptfoo configuration and resolves its file references (`file://`
 * prompts, CSV/YAML/JSON/JSONL tests, var files) through `sources`. Every key it does not
 * support is an error naming the key and where it was found; nothing is skipped.
 *
 * @example
 * const suite = parsePromptfooConfig(yaml.parse(text), { readText, parseYaml: yaml.parse });
 * suite.tests.length; // one per test case, defaultTest merged in
 */
export function parsePromptfooConfig(raw: unknown, sources: ConfigSources): EvalSuite {
  const config = mapping(raw, 'config');
  checkKeys(config, TOP_LEVEL, 'config');
  const providersRaw =
    config.providers === undefined
      ? []
      : Array.isArray(config.providers)
        ? config.providers
        : [config.providers];
  if (providersRaw.length === 0) throw fail('config needs at least one provider in "providers"');
  const providers = providersRaw.map((p, i) => parseProviderSpec(p, `providers[${i}]`));
  const prompts = parsePrompts(config.prompts, sources);
  const defaultTest =
    config.defaultTest === undefined
      ? undefined
      : parseTest(config.defaultTest, 'defaultTest', sources);
  const tests = [
    ...parseTests(config.tests, 'tests', sources),
    ...expandScenarios(config.scenarios, sources),
  ].map(({ test, source }) => merge(defaultTest, test, source));
  if (tests.length === 0)
    tests.push(
      merge(defaultTest, { vars: {}, assert: [], options: {}, metadata: {} }, 'defaultTest'),
    );
  const evaluate =
    config.evaluateOptions === undefined ? {} : mapping(config.evaluateOptions, 'evaluateOptions');
  checkKeys(evaluate, EVALUATE_KEYS, 'evaluateOptions');
  const outputPath = config.outputPath === undefined ? [] : [config.outputPath].flat().map(String);
  return {
    ...(typeof config.description === 'string' ? { description: config.description } : {}),
    providers,
    prompts,
    tests,
    evaluateOptions: {
      maxConcurrency: positiveInteger(evaluate.maxConcurrency, 'evaluateOptions.maxConcurrency', 4),
      repeat: positiveInteger(evaluate.repeat, 'evaluateOptions.repeat', 1),
    },
    outputPath,
  };
}
