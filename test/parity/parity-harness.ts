import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../packages/cli/src/run-cli.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const CONFIGS = join(root, 'test/parity/configs');
const PROMPTFOO = join(root, 'node_modules/.bin/promptfoo');

/** One test's verdict, keyed by what both tools report the same way. */
export interface Verdict {
  key: string;
  pass: boolean;
}

export interface ToolRun {
  exitCode: number;
  verdicts: Verdict[];
  output: string;
}

/**
 * Keys results by test description, provider label and rendered prompt, numbering repeats of
 * a key, sorted: the order of results is not a verdict.
 */
function keyed(
  rows: { description: string; provider: string; prompt: string; pass: boolean }[],
): Verdict[] {
  const seen = new Map<string, number>();
  const verdicts = rows.map((r) => {
    const base = `${r.description} | ${r.provider} | ${samePrompt(r.prompt)}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return { key: `${base} #${n}`, pass: r.pass };
  });
  return verdicts.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** promptfoo's results file writes JSON-looking prompts compactly; compare them the same way. */
function samePrompt(prompt: string): string {
  try {
    return JSON.stringify(JSON.parse(prompt));
  } catch {
    return prompt;
  }
}

/** Environment shared by both tools: the simulator as the OpenAI endpoint, promptfoo kept local and quiet. */
export function parityEnv(
  baseURL: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !k.startsWith('PROMPTFOO_')) env[k] = v;
  return {
    ...env,
    OPENAI_BASE_URL: baseURL,
    OPENAI_API_KEY: 'simulator',
    GLASSBOX_EMBEDDING_MODEL: 'text-embedding-3-large',
    PROMPTFOO_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'promptfoo-')),
    PROMPTFOO_DISABLE_TELEMETRY: '1',
    PROMPTFOO_DISABLE_UPDATE: '1',
    PROMPTFOO_DISABLE_SHARING: '1',
    ...extra,
  };
}

/** Runs the real promptfoo CLI on a config. */
export function runPromptfoo(config: string, env: Record<string, string>): Promise<ToolRun> {
  const out = join(mkdtempSync(join(tmpdir(), 'pf-out-')), 'results.json');
  return new Promise((resolvePromise) => {
    execFile(
      PROMPTFOO,
      [
        'eval',
        '-c',
        resolve(CONFIGS, config),
        '--no-cache',
        '--no-table',
        '--no-progress-bar',
        '-o',
        out,
      ],
      { env, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const exitCode = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        let verdicts: Verdict[] = [];
        try {
          const parsed = JSON.parse(readFileSync(out, 'utf8')) as {
            results: {
              results: {
                testCase?: { description?: string };
                provider: { id: string; label?: string };
                prompt: { raw: string };
                success: boolean;
                testIdx: number;
              }[];
            };
          };
          const rows = [...parsed.results.results].sort((a, b) => a.testIdx - b.testIdx);
          verdicts = keyed(
            rows.map((r) => ({
              description: r.testCase?.description ?? '',
              provider: r.provider.label || r.provider.id,
              prompt: r.prompt.raw,
              pass: r.success,
            })),
          );
        } catch {
          // no results file: a configuration error, judged by the exit code
        }
        resolvePromise({ exitCode, verdicts, output: `${stdout}\n${stderr}` });
      },
    );
  });
}

/** Runs `glassbox eval` in-process on a config. */
export async function runGlassbox(config: string, env: Record<string, string>): Promise<ToolRun> {
  const out = join(mkdtempSync(join(tmpdir(), 'gb-out-')), 'results.json');
  let output = '';
  const sink = { write: (text: string) => (output += text) };
  const exitCode = await runCli(
    ['eval', '-c', resolve(CONFIGS, config), '-o', out, '--no-progress'],
    {
      stdout: sink,
      stderr: sink,
      env,
      cwd: CONFIGS,
    },
  );
  let verdicts: Verdict[] = [];
  try {
    const parsed = JSON.parse(readFileSync(out, 'utf8')) as {
      results: {
        description?: string;
        provider: { id: string; label?: string };
        prompt: string;
        success: boolean;
      }[];
    };
    verdicts = keyed(
      parsed.results.map((r) => ({
        description: r.description ?? '',
        provider: r.provider.label || r.provider.id,
        prompt: r.prompt,
        pass: r.success,
      })),
    );
  } catch {
    // no report: a configuration error, judged by the exit code
  }
  return { exitCode, verdicts, output };
}
