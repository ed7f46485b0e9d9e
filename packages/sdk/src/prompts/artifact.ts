import { versionLabel, type ArtifactKind } from '@glassbox/core/artifacts';
import type { VersionSnapshot } from '@glassbox/core/model';
import type { PromptSource } from './prompt.js';

/** An agent, model or tools artifact as `getArtifact` serves it: its content and version. */
export interface Artifact {
  kind: ArtifactKind;
  name: string;
  label: string;
  /** The registry version; absent when the declared fallback was served. */
  version?: number;
  /** model: `{ model, ... }`; tools: tool schemas; agent: any JSON. */
  content: unknown;
  config: Record<string, unknown>;
  source: PromptSource;
  /** `{ model: 'router@v3' }` (or `router@fallback`): its layer of the span version snapshot. */
  versions: VersionSnapshot;
}

/** Content bundled with the app, served when the registry cannot answer. */
export interface ArtifactFallback {
  content: unknown;
  config?: Record<string, unknown>;
}

export function makeArtifact(fields: Omit<Artifact, 'versions'>): Artifact {
  const tag =
    fields.version === undefined
      ? `${fields.name}@fallback`
      : versionLabel(fields.name, fields.version);
  return { ...fields, versions: { [fields.kind]: tag } };
}

export function fallbackArtifact(
  kind: ArtifactKind,
  name: string,
  label: string,
  fallback: ArtifactFallback,
): Artifact {
  return makeArtifact({
    kind,
    name,
    label,
    content: fallback.content,
    config: { ...fallback.config },
    source: 'fallback',
  });
}
