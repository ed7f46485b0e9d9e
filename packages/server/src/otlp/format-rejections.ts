/** The longest partial-success error message sent back. */
export const MAX_REJECTION_MESSAGE = 2048;

/**
 * One bounded message naming each rejected item and why, for OTLP partial_success.
 *
 * @example
 * formatRejections([{ id: 'abc', reason: 'bad' }], 'span') // '1 span rejected: span "abc": bad'
 */
export function formatRejections(
  rejected: readonly { id: string; reason: string }[],
  noun: string,
  maxLength = MAX_REJECTION_MESSAGE,
): string {
  let message = `${rejected.length} ${noun}${rejected.length === 1 ? '' : 's'} rejected: `;
  for (let i = 0; i < rejected.length; i++) {
    const item = rejected[i]!;
    const part = `${i > 0 ? '; ' : ''}${noun} ${JSON.stringify(item.id)}: ${item.reason}`;
    const remaining = rejected.length - i;
    if (message.length + part.length > maxLength - 24) {
      return `${message}; ... and ${remaining} more`;
    }
    message += part;
  }
  return message;
}
