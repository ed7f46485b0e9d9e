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

/**
 * The OTLP partial_success warning for values stored truncated (the items were accepted, so
 * the rejected count stays 0), bounded like formatRejections.
 *
 * @example
 * formatTruncations([{ id: 'abc', where: 'attributes.input.value', originalBytes: 41943040 }], 'span', 1048576)
 * // '1 attribute value over 1048576 bytes stored truncated: span "abc" attributes.input.value (41943040 bytes)'
 */
export function formatTruncations(
  truncated: readonly { id: string; where: string; originalBytes: number }[],
  noun: string,
  maxBytes: number,
  maxLength = MAX_REJECTION_MESSAGE,
): string {
  const values = truncated.length === 1 ? 'value' : 'values';
  let message = `${truncated.length} attribute ${values} over ${maxBytes} bytes stored truncated: `;
  for (let i = 0; i < truncated.length; i++) {
    const item = truncated[i]!;
    const part = `${i > 0 ? '; ' : ''}${noun} ${JSON.stringify(item.id)} ${item.where} (${item.originalBytes} bytes)`;
    if (message.length + part.length > maxLength - 24) {
      return `${message}; ... and ${truncated.length - i} more`;
    }
    message += part;
  }
  return message;
}
