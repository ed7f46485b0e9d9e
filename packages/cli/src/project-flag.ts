import { CliError } from './cli-error.js';

/**
 * The project id a `--project NAME` flag names (default: `default`), or a NOT_FOUND error
 * listing the known projects.
 *
 * @example await projectIdOf('shop', storage.projects, 'postmortem')
 */
export async function projectIdOf(
  name: string | undefined,
  projects: { listProjects(): Promise<{ id: string; name: string }[]> },
  command: string,
): Promise<string> {
  if (name === undefined) return 'default';
  const all = await projects.listProjects();
  const match = all.find((p) => p.name === name || p.id === name);
  if (!match) {
    throw new CliError(
      'NOT_FOUND',
      `unknown --project "${name}" (known: ${all.map((p) => p.name).join(', ')})`,
      command,
    );
  }
  return match.id;
}
