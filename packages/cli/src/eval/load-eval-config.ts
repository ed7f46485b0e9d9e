import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parsePromptfooConfig } from '@glassbox/core/evals';
import type { EvalSuite } from '@glassbox/core/evals';

/**
 * Reads a promptfoo config (YAML or JSON) and every file it refers to, relative to the
 * config's folder, and validates it; `overrides.tests` replaces its tests. Throws EvalError for configuration problems and a file
 * error naming the path when a referenced file cannot be read.
 *
 * @example
 * const suite = loadEvalConfig('/repo/promptfooconfig.yaml');
 */
export function loadEvalConfig(
  path: string,
  overrides: { tests?: Record<string, unknown>[] } = {},
): EvalSuite {
  const base = dirname(path);
  let raw: unknown = parseYaml(readText(path));
  // A dataset supplies the tests; the config keeps providers, prompts and defaultTest.
  if (overrides.tests && raw !== null && typeof raw === 'object' && !Array.isArray(raw))
    raw = { ...(raw as Record<string, unknown>), tests: overrides.tests };
  return parsePromptfooConfig(raw, {
    readText: (ref) => readText(resolve(base, ref)),
    parseYaml: (text) => parseYaml(text) as unknown,
  });
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}
