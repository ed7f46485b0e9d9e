/**
 * An environment variable's value, with empty or blank values treated as unset.
 *
 * @example
 * envValue({ GLASSBOX_PORT: '' }, 'GLASSBOX_PORT'); // undefined
 */
export function envValue(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}
