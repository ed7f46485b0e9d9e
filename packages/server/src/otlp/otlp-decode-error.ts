/** The body could not be read as an OTLP export request; the message says what was wrong. */
export class OtlpDecodeError extends Error {
  override readonly name = 'OtlpDecodeError';
}
