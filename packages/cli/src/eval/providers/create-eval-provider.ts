import { parseProviderTarget } from '@glassbox/core/evals';
import type { ProviderSpec } from '@glassbox/core/evals';
import type { JavascriptSandbox } from '../javascript-sandbox.js';
import type { EvalProvider } from './eval-provider.js';
import { createExecProvider } from './exec-provider.js';
import { createHttpProvider } from './http-provider.js';
import { createOpenAiChatProvider } from './openai-chat-provider.js';

export interface ProviderEnvironment {
  env: Readonly<Record<string, string | undefined>>;
  /** Where `exec:` commands run (the config's folder). */
  cwd: string;
  sandbox: JavascriptSandbox;
}

/**
 * The one place a config's provider entry becomes a callable target. Every provider call of
 * `glassbox eval` (targets and graders) goes through here.
 *
 * @example
 * const provider = createEvalProvider({ id: 'openai:chat:gpt-4o-mini', config: {} }, environment);
 */
export function createEvalProvider(
  spec: ProviderSpec,
  environment: ProviderEnvironment,
): EvalProvider {
  const target = parseProviderTarget(spec.id);
  const label = spec.label ?? spec.id;
  switch (target.kind) {
    case 'openai-chat':
      return createOpenAiChatProvider(spec.id, label, target.model, spec.config, environment.env);
    case 'http': {
      const url = target.url ?? (typeof spec.config.url === 'string' ? spec.config.url : undefined);
      if (!url) throw new Error(`provider "${spec.id}" needs config.url`);
      return createHttpProvider(spec.id, label, url, spec.config, environment.sandbox);
    }
    case 'exec':
      return createExecProvider(
        spec.id,
        label,
        target.command,
        spec.config,
        environment.cwd,
        environment.env,
      );
    case 'echo':
      return {
        id: spec.id,
        label,
        call: (prompt, context) =>
          Promise.resolve({ output: prompt, latencyMs: 0, traceparent: context.traceparent }),
      };
  }
}
