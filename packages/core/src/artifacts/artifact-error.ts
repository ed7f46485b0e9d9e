/**
 * Every way the artifact registry refuses input, as stable codes callers can switch on; the
 * server maps them to HTTP statuses (unknown names 404, the rest 400).
 */
export const ARTIFACT_ERROR_CODES = {
  invalid_kind: 'The artifact kind is not one of prompt, agent, model, tools.',
  invalid_name:
    'An artifact or label name is empty, too long or has characters outside [A-Za-z0-9._-].',
  invalid_content: "The version's content does not fit its kind (a prompt is a chat template).",
  missing_variable: 'A template was rendered without a value for one of its variables.',
  unknown_artifact: 'No artifact of that kind and name exists.',
  unknown_label: 'The artifact has no label of that name.',
  unknown_version: 'The artifact has no version of that number.',
  revoked_version: 'The version is revoked: no label may point at it.',
  labelled_version: 'The version is still the target of a label; move the label first.',
  invalid_canary: 'A canary percent outside 0-100, an unknown unit, or a second active canary.',
  invalid_hold: 'A hold with an unknown mode, no reason, or nothing to roll back to.',
  invalid_gate: 'An eval gate record with a pass rate outside 0-1 or no such version.',
  label_protected:
    'The label is protected: a move needs a passing eval gate for the target version, or an override with a reason.',
  label_frozen: 'The label is held (frozen) by an incident or by hand; release the hold first.',
  invalid_range: 'A time range that ends before it starts, or a point count outside 2-500.',
} as const;

export type ArtifactErrorCode = keyof typeof ARTIFACT_ERROR_CODES;

/**
 * A refusal of the registry's rules, with a stable `code`.
 *
 * @example
 * try { renderChatTemplate(template, {}); }
 * catch (err) { if (err instanceof ArtifactError && err.code === 'missing_variable') ... }
 */
export class ArtifactError extends Error {
  override readonly name = 'ArtifactError';

  constructor(
    readonly code: ArtifactErrorCode,
    message: string,
  ) {
    super(message);
  }
}
