import type { SemanticHit } from '@glassbox/core/guards';
import type { GatewayRuntime, StoredAnswer } from '../gateway-runtime.js';
import { jsonAttempt } from './run-attempt.js';
import { contentText } from './count-prompt-tokens.js';
import type { RequestFacts } from './pre-call-guards.js';

/**
 * Embeds the request's conversation with the configured provider and looks it up in the
 * caller's own partition of the semantic cache. An embedding failure is a miss, never an error.
 */
export async function semanticLookup(
  rt: GatewayRuntime,
  facts: RequestFacts,
): Promise<{ hit: SemanticHit<StoredAnswer> | undefined; vector: number[] | null }> {
  const cache = rt.semanticCache!;
  const { provider: name, model } = rt.config.cache.semantic;
  const provider = rt.config.providers.find((p) => p.name === name)!;
  const messages = Array.isArray(facts.body.messages)
    ? (facts.body.messages as { role?: string; content?: unknown }[])
    : [];
  const text = `${facts.model}\n${messages.map((m) => `${m.role ?? ''}: ${contentText(m.content)}`).join('\n')}`;
  const attempt = await jsonAttempt(
    provider,
    '/embeddings',
    Buffer.from(JSON.stringify({ model, input: text })),
    [],
    rt.apiKey(provider.apiKeyEnv),
  );
  if (!attempt.ok) return { hit: undefined, vector: null };
  const vector =
    (attempt.parsed.data as { embedding?: number[] }[] | undefined)?.[0]?.embedding ?? null;
  if (!vector) return { hit: undefined, vector: null };
  return { hit: cache.lookup(facts.tenant, vector), vector };
}

export function semanticStore(
  rt: GatewayRuntime,
  facts: RequestFacts,
  vector: number[],
  answer: StoredAnswer,
): void {
  rt.semanticCache?.store(facts.tenant, vector, answer);
}
