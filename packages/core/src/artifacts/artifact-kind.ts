import { ArtifactError } from './artifact-error.js';

/**
 * The kinds of artifact the registry versions, one per layer of the version snapshot:
 * prompt and policy (PPV), agent logic (ALV), model runtime (MRV), tool and API interface (TAV).
 */
export const ARTIFACT_KINDS = ['prompt', 'agent', 'model', 'tools'] as const;

export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];

/** The version-snapshot layer each kind is, as the case studies name them. */
export const ARTIFACT_LAYERS = {
  prompt: 'PPV',
  agent: 'ALV',
  model: 'MRV',
  tools: 'TAV',
} as const satisfies Record<ArtifactKind, string>;

/** @example checkArtifactKind('prompt') // 'prompt'; checkArtifactKind('x') throws invalid_kind */
export function checkArtifactKind(value: string): ArtifactKind {
  if ((ARTIFACT_KINDS as readonly string[]).includes(value)) return value as ArtifactKind;
  throw new ArtifactError(
    'invalid_kind',
    `unknown artifact kind "${value}"; expected one of ${ARTIFACT_KINDS.join(', ')}`,
  );
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * Checks an artifact or label name: 1-128 characters, letters, digits, `.`, `_`, `-`,
 * starting with a letter or digit. `what` names the field in the error.
 *
 * @example checkArtifactName('support-answer', 'name')
 */
export function checkArtifactName(value: string, what: string): string {
  if (NAME.test(value)) return value;
  throw new ArtifactError(
    'invalid_name',
    `${what} "${value}" is invalid: use 1-128 letters, digits, ".", "_" or "-", starting with a letter or digit`,
  );
}
