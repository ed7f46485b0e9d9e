/**
 * A provider configuration rejected because one field is wrong. `path` names the field
 * (`providers[1].baseUrl`) so a YAML loader can point at the line.
 *
 * @example new ProviderConfigError(['providers', 0, 'baseUrl'], 'must be an http(s) URL')
 */
export class ProviderConfigError extends Error {
  override readonly name = 'ProviderConfigError';
  readonly code = 'invalid_provider_config' as const;
  constructor(
    readonly path: readonly (string | number)[],
    readonly problem: string,
  ) {
    super(`${formatPath(path)} ${problem}`);
  }
}

/** `['providers', 1, 'baseUrl']` -> `providers[1].baseUrl`. */
export function formatPath(path: readonly (string | number)[]): string {
  return (
    path.reduce<string>(
      (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part),
      '',
    ) || '(root)'
  );
}
