import { canonicalStringify } from '../classify/canonical-json.js';
import { ArtifactError } from './artifact-error.js';
import type { ArtifactKind } from './artifact-kind.js';
import { checkPromptTemplate } from './chat-template.js';
import { sha256Hex } from './sha256.js';

/** What a client sends to create a version: the content, and optional config and note. */
export interface ArtifactVersionInput {
  /** prompt: a chat template; model: `{ model }` and parameters; tools: tool schemas; agent: any JSON. */
  content: unknown;
  /** Settings that travel with the content (model parameters, a prompt's temperature...). */
  config?: Record<string, unknown>;
  /** Why this version exists, for people reading the history. */
  message?: string;
}

/** One immutable, numbered version of an artifact. */
export interface ArtifactVersion {
  kind: ArtifactKind;
  name: string;
  /** 1, 2, 3... in order of creation, per artifact. */
  version: number;
  content: unknown;
  config: Record<string, unknown>;
  /** SHA-256 of the canonical JSON of kind, content and config. */
  hash: string;
  message?: string;
  createdBy: string;
  createdAtMs: number;
  /** Set once revoked: labels may no longer point here and pins on it break. */
  revokedAtMs?: number;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function checkContent(kind: ArtifactKind, content: unknown): unknown {
  switch (kind) {
    case 'prompt':
      return checkPromptTemplate(content);
    case 'model':
      if (!isObject(content) || typeof content.model !== 'string' || content.model === '') {
        throw new ArtifactError(
          'invalid_content',
          'content of a model artifact must be an object with a "model" string, e.g. {"model":"gpt-4o-2024-08-06"}',
        );
      }
      return content;
    case 'tools':
      if (!Array.isArray(content) || !content.every(isObject)) {
        throw new ArtifactError(
          'invalid_content',
          'content of a tools artifact must be an array of tool schema objects',
        );
      }
      return content;
    case 'agent':
      if (content === undefined || content === null) {
        throw new ArtifactError(
          'invalid_content',
          'content of an agent artifact must be JSON, not empty',
        );
      }
      return content;
  }
}

/**
 * Checks a version's content for its kind and returns it with its content hash. Equal
 * content and config in any key order hash the same.
 *
 * @example
 * checkVersionInput('prompt', { content: [{ role: 'user', content: '{{q}}' }] }).hash // '3f1a...'
 */
export function checkVersionInput(
  kind: ArtifactKind,
  input: ArtifactVersionInput,
): { content: unknown; config: Record<string, unknown>; hash: string } {
  const content = checkContent(kind, input.content);
  const config = input.config ?? {};
  if (!isObject(config)) throw new ArtifactError('invalid_content', 'config must be an object');
  return { content, config, hash: versionHash(kind, content, config) };
}

/** @example versionHash('model', { model: 'gpt-4o' }, {}) */
export function versionHash(
  kind: ArtifactKind,
  content: unknown,
  config: Record<string, unknown>,
): string {
  return sha256Hex(canonicalStringify({ kind, content, config }));
}

/**
 * The value a version takes in the version snapshot of a span: `name@vN`, so two prompts of
 * one app stay distinguishable and a trace links back to its registry entry.
 *
 * @example versionLabel('support', 3) // 'support@v3'
 */
export function versionLabel(name: string, version: number): string {
  return `${name}@v${version}`;
}
