import type { ProviderConfig } from './provider-config.js';
import { DEFAULT_PROVIDER_TIMEOUTS } from './provider-config.js';

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

/**
 * The provider every install has: `OPENAI_BASE_URL` (default api.openai.com) with the key in
 * `OPENAI_API_KEY`. The environment is passed in: core reads no globals.
 *
 * @example defaultProvider(process.env).baseUrl
 */
export function defaultProvider(env: Readonly<Record<string, string | undefined>>): ProviderConfig {
  const baseUrl = (env.OPENAI_BASE_URL?.trim() || OPENAI_BASE_URL).replace(/\/+$/, '');
  return {
    name: 'openai',
    baseUrl,
    apiKeyEnv: 'OPENAI_API_KEY',
    models: [],
    headers: {},
    timeouts: { ...DEFAULT_PROVIDER_TIMEOUTS },
  };
}

/** Whether a provider serves a model (an empty model list serves any). */
export function servesModel(provider: ProviderConfig, model: string): boolean {
  return provider.models.length === 0 || provider.models.includes(model);
}
