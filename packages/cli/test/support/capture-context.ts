import type { CliContext } from '../../src/cli-context.js';

/** A CliContext writing into strings, with a way to wait for some output to appear. */
export function captureContext(
  options: { env?: Record<string, string>; cwd?: string; signal?: AbortSignal } = {},
) {
  let out = '';
  let err = '';
  const waiters: { pattern: RegExp; resolve: (match: RegExpMatchArray) => void }[] = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      const match = out.match(waiter.pattern);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  };
  const context: CliContext = {
    stdout: { write: (text: string) => ((out += text), check(), true) },
    stderr: { write: (text: string) => ((err += text), true) },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  return {
    context,
    stdout: () => out,
    stderr: () => err,
    /** Resolves with the first match of `pattern` in stdout, now or once it is written. */
    waitFor(pattern: RegExp): Promise<RegExpMatchArray> {
      return new Promise((resolve) => {
        waiters.push({ pattern, resolve });
        check();
      });
    },
  };
}
