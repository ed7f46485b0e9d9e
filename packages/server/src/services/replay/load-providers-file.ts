import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import {
  ProviderConfigError,
  validateProviders,
  type ProviderConfig,
} from '@glassbox/core/providers';

/**
 * Reads a providers file: YAML (or JSON) with a `providers:` list of OpenAI-compatible
 * endpoints. Keys are named by environment variable, never written in the file.
 *
 * @example
 * // providers.yaml
 * // providers:
 * //   - { name: local, baseUrl: http://127.0.0.1:8000/v1, apiKeyEnv: LOCAL_KEY, models: [llama3] }
 * const providers = await loadProvidersFile('providers.yaml');
 */
export async function loadProvidersFile(file: string): Promise<ProviderConfig[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ProviderConfigError([], `${file} cannot be read: ${(error as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = parse(text) as unknown;
  } catch (error) {
    throw new ProviderConfigError(
      [],
      `${file} is not valid YAML: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  const list =
    doc && typeof doc === 'object' && !Array.isArray(doc)
      ? (doc as Record<string, unknown>).providers
      : undefined;
  try {
    return validateProviders(list, ['providers']);
  } catch (error) {
    if (error instanceof ProviderConfigError)
      throw new ProviderConfigError(error.path, `${error.problem} (in ${file})`);
    throw error;
  }
}
