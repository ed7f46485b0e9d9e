import type { ProviderConfig } from '@glassbox/core/providers';
import { ProviderConfigError } from '@glassbox/core/providers';
import { loadProvidersFile } from '@glassbox/server';
import { CliError } from '../cli-error.js';

export const PROVIDERS_FLAG_HELP = `  --providers FILE     Model providers YAML for replay (a providers: list of name, baseUrl,
                       apiKeyEnv, models); default OPENAI_BASE_URL / OPENAI_API_KEY`;

/**
 * The providers a `--providers FILE` names, or undefined without the flag (the environment's
 * default provider then applies).
 *
 * @example await providersFlag('serve', values.providers)
 */
export async function providersFlag(
  command: string,
  file: string | undefined,
): Promise<ProviderConfig[] | undefined> {
  if (file === undefined) return undefined;
  try {
    return await loadProvidersFile(file);
  } catch (error) {
    if (error instanceof ProviderConfigError)
      throw new CliError('INVALID_OPTION', `invalid --providers: ${error.message}`, command);
    throw error;
  }
}
