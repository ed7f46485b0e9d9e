import { execFile } from 'node:child_process';
import type { ProviderResponse } from '@glassbox/core/evals';
import type { CallContext, EvalProvider } from './eval-provider.js';
import { failedResponse } from './eval-provider.js';

/** Splits a command line into words, honouring single and double quotes. */
export function commandWords(command: string): string[] {
  const words: string[] = [];
  for (const match of command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g))
    words.push(match[1] ?? match[2] ?? match[3] ?? '');
  return words;
}

/**
 * The user's application as a command, like promptfoo's `exec:` provider: run without a
 * shell with the prompt, the provider options (JSON) and the call context (JSON) as its
 * last three arguments; the trimmed standard output is the output. Standard error without
 * output, or a non-zero exit, is an error.
 */
export function createExecProvider(
  id: string,
  label: string,
  command: string,
  config: Readonly<Record<string, unknown>>,
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): EvalProvider {
  const [file, ...args] = commandWords(command);
  const timeout = typeof config.timeout === 'number' ? config.timeout : 300_000;
  return {
    id,
    label,
    call(prompt: string, context: CallContext): Promise<ProviderResponse> {
      const startedAt = performance.now();
      const options = JSON.stringify({ id, config });
      const callContext = JSON.stringify({ vars: context.vars, traceparent: context.traceparent });
      return new Promise((resolve) => {
        const child = execFile(
          file ?? '',
          [...args, prompt, options, callContext],
          {
            cwd,
            timeout,
            maxBuffer: 16 * 1024 * 1024,
            env: { ...env, TRACEPARENT: context.traceparent },
          },
          (error, stdout, stderr) => {
            const latencyMs = Math.round(performance.now() - startedAt);
            const out = stdout.trim();
            if (error) return resolve(failedResponse(error, startedAt));
            if (stderr.trim() && !out)
              return resolve({ output: null, error: stderr.trim(), latencyMs });
            resolve({ output: out, latencyMs, traceparent: context.traceparent });
          },
        );
        child.stdin?.end();
      });
    },
  };
}
