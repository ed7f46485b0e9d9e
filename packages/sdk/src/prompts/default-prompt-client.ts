import type { VersionSnapshot } from '@glassbox/core/model';
import { DEFAULT_ENDPOINT } from '../config/resolve-options.js';
import { activeSdk } from '../runtime/active-sdk.js';
import type { Prompt, PromptFallback } from './prompt.js';
import type { Artifact } from './artifact.js';
import { PromptClient, type GetArtifactOptions, type GetPromptOptions } from './prompt-client.js';

let shared: PromptClient | undefined;
let sharedFor: string | undefined;

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/**
 * The client behind the module-level `getPrompt`: pointed at the server `init` was given,
 * else GLASSBOX_ENDPOINT / GLASSBOX_API_KEY, else loopback. Re-created when `init` points
 * elsewhere.
 */
export function defaultPromptClient(): PromptClient {
  const server = activeSdk().server ?? {
    endpoint: nonEmpty(process.env.GLASSBOX_ENDPOINT) ?? DEFAULT_ENDPOINT,
    ...(nonEmpty(process.env.GLASSBOX_API_KEY) ? { apiKey: process.env.GLASSBOX_API_KEY! } : {}),
  };
  const id = JSON.stringify([server.endpoint, server.apiKey ?? null]);
  if (!shared || sharedFor !== id) {
    shared?.close();
    shared = new PromptClient(server);
    sharedFor = id;
  }
  return shared;
}

/**
 * A prompt from the Glassbox registry, served from a cache at most 5 s stale, pinned per
 * session, recorded on the current span; never throws (see PromptClient).
 *
 * @example
 * const prompt = await getPrompt('support', { sessionId, fallback: [{ role: 'system', content: 'Be helpful.' }] });
 */
export function getPrompt(
  name: string,
  options: GetPromptOptions & { fallback: PromptFallback },
): Promise<Prompt>;
export function getPrompt(name: string, options?: GetPromptOptions): Promise<Prompt | undefined>;
export function getPrompt(
  name: string,
  options: GetPromptOptions = {},
): Promise<Prompt | undefined> {
  return defaultPromptClient().getPrompt(name, options);
}

/**
 * An agent, model or tools artifact from the registry, with getPrompt's cache, pinning,
 * fallback and never-throw promise; recorded on the current span.
 *
 * @example
 * const model = await getArtifact('model', 'router', { sessionId, fallback: { content: { model: 'gpt-4o-2024-08-06' } } });
 */
export function getArtifact(
  kind: string,
  name: string,
  options?: GetArtifactOptions,
): Promise<Artifact | undefined> {
  return defaultPromptClient().getArtifact(kind, name, options);
}

/** @example await snapshotSession('conv-42', { turns }); */
export function snapshotSession(
  sessionId: string,
  state: unknown,
  versions?: VersionSnapshot,
): Promise<string | undefined> {
  return defaultPromptClient().snapshotSession(sessionId, state, versions);
}

/** @example const checkpoint = await restoreSession('conv-42', { before: incident.onset }); */
export function restoreSession(sessionId: string, options?: { before?: Date | number }) {
  return defaultPromptClient().restoreSession(sessionId, options);
}
