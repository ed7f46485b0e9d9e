import OpenAI from 'openai';
import { defaultProvider, servesModel, type ProviderConfig } from '@glassbox/core/providers';
import { ReplayServiceError } from './replay-service-error.js';

type Env = Readonly<Record<string, string | undefined>>;

/** How to configure a provider, for error messages. */
export const HOW_TO_CONFIGURE =
  'set OPENAI_API_KEY (and OPENAI_BASE_URL for another OpenAI-compatible endpoint) in the environment of the server, or start it with --providers providers.yaml';

/** The providers replay may call, and a client per provider (keys read from `env` at call time). */
export interface ReplayProviders {
  /** A client for the provider that serves `model`; throws a ReplayServiceError when none does. */
  clientFor(model: string): { provider: ProviderConfig; client: OpenAI };
  /** For reports: names and base URLs, never keys. */
  describe(): { name: string; baseUrl: string; models: string[] }[];
}

/**
 * Replay's providers: the ones from a providers file, else the default from
 * `OPENAI_BASE_URL` / `OPENAI_API_KEY`. With neither, every call answers `no_provider`.
 *
 * @example createReplayProviders(undefined, process.env).clientFor('gpt-4o-mini')
 */
export function createReplayProviders(
  fromFile: readonly ProviderConfig[] | undefined,
  env: Env,
): ReplayProviders {
  const configured =
    fromFile !== undefined && fromFile.length > 0
      ? [...fromFile]
      : env.OPENAI_API_KEY?.trim() || env.OPENAI_BASE_URL?.trim()
        ? [defaultProvider(env)]
        : [];
  const clients = new Map<string, OpenAI>();
  return {
    clientFor(model) {
      if (configured.length === 0)
        throw new ReplayServiceError(
          'no_provider',
          `no model provider is configured: ${HOW_TO_CONFIGURE}`,
        );
      const provider = configured.find((p) => servesModel(p, model));
      if (!provider)
        throw new ReplayServiceError(
          'unknown_model',
          `no configured provider serves model '${model}' (${configured
            .map((p) => `${p.name}: ${p.models.join(', ')}`)
            .join('; ')}); add it to a provider's models list or pick a listed model`,
        );
      let client = clients.get(provider.name);
      if (!client) {
        const key = provider.apiKeyEnv ? env[provider.apiKeyEnv] : undefined;
        if (fromFile?.includes(provider) && provider.apiKeyEnv && !key)
          throw new ReplayServiceError(
            'no_provider',
            `provider ${provider.name} needs its key in ${provider.apiKeyEnv}: ${HOW_TO_CONFIGURE}`,
          );
        client = new OpenAI({
          baseURL: provider.baseUrl,
          apiKey: key ?? 'unused',
          maxRetries: 0,
          timeout: provider.timeouts.requestMs,
          defaultHeaders: provider.headers,
          logLevel: 'off',
        });
        clients.set(provider.name, client);
      }
      return { provider, client };
    },
    describe: () => configured.map((p) => ({ name: p.name, baseUrl: p.baseUrl, models: p.models })),
  };
}
