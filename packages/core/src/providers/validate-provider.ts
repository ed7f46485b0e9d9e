import type { ProviderConfig } from './provider-config.js';
import { DEFAULT_PROVIDER_TIMEOUTS } from './provider-config.js';
import { ProviderConfigError } from './provider-config-error.js';

type Path = readonly (string | number)[];

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PROVIDER_FIELDS = ['name', 'baseUrl', 'apiKeyEnv', 'models', 'headers', 'timeouts'];
const TIMEOUT_FIELDS = ['requestMs', 'firstTokenMs', 'idleMs'] as const;
/** Header names that would carry a secret in a config file. */
const SECRET_HEADERS = /^(authorization|api-key|x-api-key|proxy-authorization)$/i;

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks an untrusted provider entry (from YAML, JSON or flags) and returns it complete, or
 * throws a {@link ProviderConfigError} naming the first wrong field. Secrets are refused:
 * a literal key, or an Authorization header, must come from the environment instead.
 *
 * @example validateProvider({ name: 'sim', baseUrl: 'http://127.0.0.1:9000/v1' }, ['providers', 0])
 */
export function validateProvider(value: unknown, path: Path = []): ProviderConfig {
  if (!isRecord(value)) throw new ProviderConfigError(path, 'must be a mapping');
  for (const key of Object.keys(value)) {
    if (key === 'apiKey')
      throw new ProviderConfigError(
        [...path, key],
        'is not allowed: put the key in an environment variable and name it in apiKeyEnv',
      );
    if (!PROVIDER_FIELDS.includes(key))
      throw new ProviderConfigError(
        [...path, key],
        `is not a known field (known: ${PROVIDER_FIELDS.join(', ')})`,
      );
  }
  const name = text(value.name, [...path, 'name']);
  const baseUrl = text(value.baseUrl, [...path, 'baseUrl']);
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ProviderConfigError([...path, 'baseUrl'], `must be an http(s) URL, got '${baseUrl}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ProviderConfigError([...path, 'baseUrl'], `must be an http(s) URL, got '${baseUrl}'`);
  const apiKeyEnv =
    value.apiKeyEnv === undefined || value.apiKeyEnv === null
      ? null
      : text(value.apiKeyEnv, [...path, 'apiKeyEnv']);
  if (apiKeyEnv !== null && !ENV_NAME.test(apiKeyEnv))
    throw new ProviderConfigError(
      [...path, 'apiKeyEnv'],
      `must be an environment variable name, got '${apiKeyEnv}'`,
    );
  const models = value.models === undefined ? [] : list(value.models, [...path, 'models']);
  const headers: Record<string, string> = {};
  if (value.headers !== undefined) {
    if (!isRecord(value.headers))
      throw new ProviderConfigError(
        [...path, 'headers'],
        'must be a mapping of header names to strings',
      );
    for (const [header, v] of Object.entries(value.headers)) {
      if (SECRET_HEADERS.test(header))
        throw new ProviderConfigError(
          [...path, 'headers', header],
          'would put a secret in the config: use apiKeyEnv',
        );
      headers[header] = text(v, [...path, 'headers', header]);
    }
  }
  const timeouts = { ...DEFAULT_PROVIDER_TIMEOUTS };
  if (value.timeouts !== undefined) {
    if (!isRecord(value.timeouts))
      throw new ProviderConfigError([...path, 'timeouts'], 'must be a mapping');
    for (const [key, v] of Object.entries(value.timeouts)) {
      const field = TIMEOUT_FIELDS.find((f) => f === key);
      if (!field)
        throw new ProviderConfigError(
          [...path, 'timeouts', key],
          `is not a known field (known: ${TIMEOUT_FIELDS.join(', ')})`,
        );
      if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)
        throw new ProviderConfigError(
          [...path, 'timeouts', key],
          'must be a positive number of milliseconds',
        );
      timeouts[field] = v;
    }
  }
  return { name, baseUrl: baseUrl.replace(/\/+$/, ''), apiKeyEnv, models, headers, timeouts };
}

/**
 * Validates a list of providers; names must be unique.
 *
 * @example validateProviders(yaml.providers, ['providers'])
 */
export function validateProviders(value: unknown, path: Path = []): ProviderConfig[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new ProviderConfigError(path, 'must be a non-empty list of providers');
  const seen = new Set<string>();
  return value.map((entry, i) => {
    const provider = validateProvider(entry, [...path, i]);
    if (seen.has(provider.name))
      throw new ProviderConfigError(
        [...path, i, 'name'],
        `'${provider.name}' is used by another provider`,
      );
    seen.add(provider.name);
    return provider;
  });
}

function text(value: unknown, path: Path): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new ProviderConfigError(path, 'must be a non-empty string');
  return value;
}

function list(value: unknown, path: Path): string[] {
  if (!Array.isArray(value)) throw new ProviderConfigError(path, 'must be a list of model ids');
  return value.map((v, i) => text(v, [...path, i]));
}
