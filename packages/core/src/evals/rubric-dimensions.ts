/**
 * The named rubric dimensions user complaints map to, as `glassbox:rubric:<dimension>`
 * assertions: each is an `llm-rubric` with this built-in rubric (the assertion's value, when
 * given, is appended as extra guidance).
 */
export const RUBRIC_DIMENSIONS = {
  tone: 'The tone is polite, calm and professional, matches the register of the question, and does not blame, lecture or talk down to the user.',
  format:
    'The answer follows the format the prompt asked for (structure, length, lists, JSON or markdown as requested) and contains no stray markup, template text or truncated sentences.',
  calibration:
    'The answer states its confidence honestly: it does not assert facts it cannot support, says when it is unsure or when the sources do not cover the question, and does not hedge on what it does know.',
  'task-completion':
    'The answer completes the task the user asked for: every part of the request is addressed, and nothing the user needs to act on is missing.',
} as const;

export type RubricDimension = keyof typeof RUBRIC_DIMENSIONS;

/** The rubric text of a dimension with optional extra guidance. */
export function dimensionRubric(dimension: RubricDimension, guidance?: string): string {
  const base = RUBRIC_DIMENSIONS[dimension];
  return guidance ? `${base}\nAlso: ${guidance}` : base;
}
