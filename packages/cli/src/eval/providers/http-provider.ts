import { renderTemplate } from '@glassbox/core/evals';
import type { ProviderResponse } from '@glassbox/core/evals';
import type { JavascriptSandbox } from '../javascript-sandbox.js';
import type { CallContext, EvalProvider } from './eval-provider.js';
import { failedResponse } from './eval-provider.js';

function renderBody(body: unknown, vars: Record<string, unknown>): unknown {
  if (typeof body === 'string') return renderTemplate(body, vars);
  if (Array.isArray(body)) return body.map((item) => renderBody(item, vars));
  if (body && typeof body === 'object') {
    return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, renderBody(v, vars)]));
  }
  return body;
}

/**
 * The user's application over HTTP, like promptfoo's `http` provider: `config.body` (a string
 * or a mapping) is rendered with `{{prompt}}` and the test's vars; the response's JSON (or
 * text) is the output, or what `config.transformResponse` (an expression over `json` and
 * `text`, run in the sandbox) makes of it. The request carries a `traceparent`, so the trace
 * the app emits can be read afterwards.
 */
export function createHttpProvider(
  id: string,
  label: string,
  url: string,
  config: Readonly<Record<string, unknown>>,
  sandbox: JavascriptSandbox,
): EvalProvider {
  const method = typeof config.method === 'string' ? config.method.toUpperCase() : 'POST';
  const headers = (config.headers as Record<string, string> | undefined) ?? {};
  const timeoutMs = typeof config.timeout === 'number' ? config.timeout : 300_000;
  return {
    id,
    label,
    async call(prompt: string, context: CallContext): Promise<ProviderResponse> {
      const startedAt = performance.now();
      try {
        const vars = { ...context.vars, prompt };
        const body = config.body === undefined ? undefined : renderBody(config.body, vars);
        const isJson = body !== undefined && typeof body !== 'string';
        const response = await fetch(renderTemplate(url, vars), {
          method,
          headers: {
            ...(isJson ? { 'content-type': 'application/json' } : {}),
            ...headers,
            traceparent: context.traceparent,
          },
          ...(body !== undefined && method !== 'GET'
            ? { body: isJson ? JSON.stringify(body) : (body as string) }
            : {}),
          signal: AbortSignal.timeout(timeoutMs),
        });
        const text = await response.text();
        const latencyMs = Math.round(performance.now() - startedAt);
        if (!response.ok)
          return {
            output: null,
            error: `HTTP ${response.status} ${response.statusText}: ${text.slice(0, 500)}`,
            latencyMs,
          };
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        const transform = config.transformResponse;
        const output =
          typeof transform === 'string'
            ? await sandbox.evaluate(transform, { json: json ?? null, text })
            : (json ?? text);
        return { output, latencyMs, traceparent: context.traceparent };
      } catch (error) {
        return failedResponse(error, startedAt);
      }
    },
  };
}
