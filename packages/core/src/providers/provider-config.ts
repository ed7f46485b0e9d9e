/**
 * An OpenAI-compatible provider. The key is never part of the config: only the NAME of the
 * environment variable that holds it, read at call time, never stored, logged or returned.
 *
 * @example
 * { name: 'openai', baseUrl: 'https://api.openai.com/v1', apiKeyEnv: 'OPENAI_API_KEY',
 *   models: ['gpt-4o', 'gpt-4o-mini'], headers: {}, timeouts: DEFAULT_PROVIDER_TIMEOUTS }
 */
export interface ProviderConfig {
  name: string;
  /** Base URL ending before `/chat/completions` (e.g. `https://api.openai.com/v1`). */
  baseUrl: string;
  /** Environment variable holding the API key; null for keyless local servers. */
  apiKeyEnv: string | null;
  /** Model ids served; empty means any. */
  models: string[];
  /** Extra headers sent upstream (no secrets: those come from the environment). */
  headers: Record<string, string>;
  timeouts: ProviderTimeouts;
}

export interface ProviderTimeouts {
  /** Connect plus headers of a non-streaming answer, and the whole answer. */
  requestMs: number;
  /** Streams: time to the first content chunk. */
  firstTokenMs: number;
  /** Streams: longest silence between chunks before the stream counts as stalled. */
  idleMs: number;
}

export const DEFAULT_PROVIDER_TIMEOUTS: Readonly<ProviderTimeouts> = {
  requestMs: 60_000,
  firstTokenMs: 15_000,
  idleMs: 15_000,
};
