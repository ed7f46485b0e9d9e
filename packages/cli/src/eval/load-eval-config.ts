import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parsePromptfooConfig } from '@glassbox/core/evals';
import type { EvalSuite } from '@glassbox/core/evals';

/**
 * Reads a promptfoo config (YAML or JSON) and every file it refers to, relative to the
 * config's folder, and validates it. Throws EvalError for configuration problems and a file
 * error naming the path when a referenced file cannot be read.
 *
 * @example
 * const suite = loadEvalConfig('/repo/promptfooconfig.yaml');
 */
export function loadEvalConfig(path: string): EvalSuite {
  const base = dirname(path);
  const raw: unknown = parseYaml(readText(path));
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
