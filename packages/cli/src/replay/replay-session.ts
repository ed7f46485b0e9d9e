import { ReplayError } from '@glassbox/core/replay';
import {
  createReplayProviders,
  ReplayServiceError,
  type ReplayPorts,
  type ReplayProviders,
  saveReplayRun,
} from '@glassbox/server';
import { CliError } from '../cli-error.js';
import type { CliContext } from '../cli-context.js';
import { openStorageForCli } from '../open-storage-for-cli.js';
import { projectIdOf } from '../project-flag.js';
import { resolveStorageFlags } from '../storage-flags.js';
import { providersFlag } from './providers-flag.js';

/** What `replay` and `bisect` work with: storage ports, the project, the providers. */
export interface ReplaySession {
  ports: ReplayPorts;
  projectId: string;
  providers: ReplayProviders;
  storageDescription: string;
  /** Stores a run linked to its span; returns its id. */
  save(kind: 'replay' | 'bisect', result: Parameters<typeof saveReplayRun>[3]): Promise<string>;
  close(): Promise<void>;
}

/**
 * Opens storage (no server needed) and the model providers: `--providers FILE`, else
 * `OPENAI_BASE_URL` / `OPENAI_API_KEY` from the environment.
 */
export async function openReplaySession(
  command: string,
  values: {
    providers?: string | undefined;
    project?: string | undefined;
    'data-dir'?: string | undefined;
    'database-url'?: string | undefined;
  },
  context: CliContext,
): Promise<ReplaySession> {
  const fromFile = await providersFlag(command, values.providers);
  const providers = createReplayProviders(fromFile, context.env);
  const storageOptions = resolveStorageFlags(command, values, context);
  const storage = await openStorageForCli(storageOptions);
  try {
    const projectId = await projectIdOf(values.project, storage.projects, command);
    return {
      ports: { traces: storage.traces, projects: storage.projects },
      projectId,
      providers,
      storageDescription: storageOptions.description,
      save: (kind, result) => saveReplayRun(storage.replays, projectId, kind, result),
      close: () => storage.close(),
    };
  } catch (error) {
    await storage.close();
    throw error;
  }
}

const CORE_CODES = {
  span_not_replayable: 'NOT_REPLAYABLE',
  invalid_override: 'INVALID_OPTION',
  invalid_bisection: 'INVALID_OPTION',
  invalid_evaluator: 'INVALID_OPTION',
  budget_too_small: 'BUDGET_TOO_SMALL',
} as const;

const SERVICE_CODES = {
  no_provider: 'NO_PROVIDER',
  unknown_model: 'UNKNOWN_MODEL',
  not_found: 'NOT_FOUND',
} as const;

/** Replay errors as messages for the person at the terminal; anything else unchanged. */
export function toCliError(error: unknown, command: string, where: string): unknown {
  if (error instanceof ReplayError)
    return new CliError(CORE_CODES[error.code], error.message, command);
  if (error instanceof ReplayServiceError)
    return new CliError(
      SERVICE_CODES[error.code],
      error.code === 'not_found' ? `${error.message} (${where})` : error.message,
      command,
    );
  return error;
}
