import type { Assertion } from './assertion.js';
import { SUPPORTED_ASSERTION_TYPES } from './assertion-types.js';
import { parseCommaSeparatedValues } from './comma-separated-values.js';
import { PROMPTFOO_ASSERTION_TYPES } from './promptfoo-assertion-types.js';

const LIST_TYPES = new Set(['contains-all', 'contains-any', 'icontains-all', 'icontains-any']);
const THRESHOLD_TYPES = new Set([
  'answer-relevance',
  'context-faithfulness',
  'context-recall',
  'context-relevance',
  'cost',
  'latency',
  'levenshtein',
  'rouge-n',
  'similar',
  'starts-with',
]);

let pattern: RegExp | undefined;
function assertionPattern(): RegExp {
  if (pattern) return pattern;
  const types = [...new Set([...PROMPTFOO_ASSERTION_TYPES, ...SUPPORTED_ASSERTION_TYPES])]
    .sort((a, b) => b.length - a.length)
    .map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  pattern = new RegExp(
    `^(not-)?(${types.join('|')})(?:\\((\\d+(?:\\.\\d+)?)\\))?(?::([\\s\\S]*))?$`,
  );
  return pattern;
}

/**
 * The assertion a CSV `__expected` cell stands for, as promptfoo reads it:
 * `javascript:`/`fn:`/`eval:` code, `grade:`/`llm-rubric:` rubrics, `type(threshold):value`
 * for known types (thresholds default to 0.75 for the scored types, 0.8 for `similar`), and
 * anything else as `equals`.
 *
 * @example
 * assertionFromString('icontains-any:refund,return'); // { type: 'icontains-any', value: ['refund', 'return'] }
 */
export function assertionFromString(expected: string): Assertion {
  for (const prefix of ['javascript:', 'fn:', 'eval:']) {
    if (expected.startsWith(prefix))
      return { type: 'javascript', value: expected.slice(prefix.length).trim() };
  }
  for (const prefix of ['grade:', 'llm-rubric:']) {
    if (expected.startsWith(prefix))
      return { type: 'llm-rubric', value: expected.slice(prefix.length) };
  }
  const match = assertionPattern().exec(expected);
  if (!match) return { type: 'equals', value: expected };
  const [, not, type = '', thresholdText, value] = match;
  const fullType = not ? `not-${type}` : type;
  const threshold = thresholdText === undefined ? undefined : Number(thresholdText);
  if (LIST_TYPES.has(type))
    return { type: fullType, value: value ? parseCommaSeparatedValues(value) : value };
  if (type === 'is-json' || type === 'contains-json') return { type: fullType, value };
  if (THRESHOLD_TYPES.has(type)) {
    return {
      type: fullType,
      value: value?.trim(),
      threshold: threshold ?? (type === 'similar' ? 0.8 : 0.75),
    };
  }
  return { type: fullType, value: value?.trim() };
}
